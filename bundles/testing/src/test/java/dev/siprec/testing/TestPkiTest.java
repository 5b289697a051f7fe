package dev.siprec.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertificateExpiredException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The shared test PKI issues what the TLS tests rely on. */
class TestPkiTest {

    @Test
    void leafIsSignedByItsCaAndExpiredLeafIsExpired() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Issued ca = pki.ca("Test CA");
        TestPki.Issued leaf = pki.leaf(ca, "server", List.of("localhost"), List.of("127.0.0.1"));
        leaf.cert().verify(ca.cert().getPublicKey());
        leaf.cert().checkValidity();
        assertEquals(2, leaf.chain().size());
        TestPki.Issued expired = pki.expiredLeaf(ca, "old");
        assertThrows(CertificateExpiredException.class, () -> expired.cert().checkValidity());
    }
}
