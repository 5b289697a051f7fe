package dev.siprec.keys.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bouncy Castle provider is created only when a key needs it (a start-up cost, issue 11). */
class LazyBouncyCastleTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedGenerationAndPlainKeysNeedNoProvider() throws Exception {
        LazyBouncyCastle bc = new LazyBouncyCastle();
        PemCodec pem = new PemCodec(bc);
        SecureRandom random = new SecureRandom();
        Path[] pair = SelfSignedCertificates.files(dir, "lazy");
        new SelfSignedCertificates(random, Duration.ofDays(30)).generate(pair[0], pair[1], "lazy");

        X509Certificate leaf = pem.certificates(pair[0]).get(0);
        PrivateKey key = pem.privateKey(pair[1], null);
        CertificateChecks.requireMatch(key, leaf, random);
        leaf.verify(leaf.getPublicKey());
        assertEquals("EC", key.getAlgorithm());
        assertFalse(bc.created(), "a plain EC key and the self-signed certificate must not create the provider");

        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaFile = dir.resolve("rsa.key.pem");
        Files.writeString(rsaFile, PemCodec.pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()));
        assertEquals("RSA", pem.privateKey(rsaFile, null).getAlgorithm());
        assertFalse(bc.created());
    }

    @Test
    void providerIsCreatedOnceOnDemand() {
        LazyBouncyCastle bc = new LazyBouncyCastle();
        assertFalse(bc.created());
        assertSame(bc.get(), bc.get());
        assertTrue(bc.created());
        assertEquals("BC", bc.get().getName());
    }
}
