package dev.siprec.srtp.dtls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.keys.api.HeldCertificate;

/** What the DTLS bundle shows inventories (siprec:certs) through the CertificateHolder service. */
class DtlsCertificatesTest {
    final DtlsEngine engine = new DtlsEngine(DtlsSettings.defaults());
    final DtlsCertificates holder = new DtlsCertificates(engine.identities());

    @AfterEach
    void close() {
        engine.close();
    }

    private static String sha256(X509Certificate c) throws Exception {
        return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    @Test
    void listsTheCertificateWhoseFingerprintAnswersCarry() throws Exception {
        List<HeldCertificate> held = holder.certificates();
        assertEquals("dtls", holder.owner());
        assertEquals(1, held.size(), "no previous identity before a rotation");
        assertEquals("identity", held.get(0).role());
        assertTrue(held.get(0).rotated(), "rotated by the bundle: inventories do not flag its short validity");
        X509Certificate c = held.get(0).certificate();
        assertEquals(engine.identities().current().fingerprint().format(), sha256(c), "the JDK reads the same certificate");
        assertEquals("CN=siprec-dtls", c.getSubjectX500Principal().getName());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal(), "self-signed");
        assertEquals(engine.identities().current().notAfter().getEpochSecond(), c.getNotAfter().toInstant().getEpochSecond());
        c.verify(c.getPublicKey());
        assertEquals("EC", c.getPublicKey().getAlgorithm());
    }

    @Test
    void afterARotationTheReplacedCertificateIsListedAsPrevious() throws Exception {
        String before = engine.identities().current().fingerprint().format();
        engine.identities().rotate();
        List<HeldCertificate> held = holder.certificates();
        assertEquals(2, held.size());
        assertEquals("identity", held.get(0).role());
        assertEquals(engine.identities().current().fingerprint().format(), sha256(held.get(0).certificate()));
        assertEquals("previous", held.get(1).role());
        assertEquals(before, sha256(held.get(1).certificate()));
        assertTrue(!before.equals(sha256(held.get(0).certificate())));
        assertEquals(engine.identities().previous().fingerprint().format(), before);
    }
}
