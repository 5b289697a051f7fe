package dev.siprec.keys.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;

import dev.siprec.testing.TestPki;

/** The JDK's default trust, loaded on first use: the same verdicts and issuers as loading it at once. */
class DefaultPkixTrustTest {
    @Test
    void loadsNothingUntilUsedThenTrustsWhatTheJdkTrusts() throws Exception {
        DefaultPkixTrust lazy = new DefaultPkixTrust();
        assertFalse(lazy.loaded());
        X509ExtendedTrustManager eager = DefaultPkixTrust.pkix(null);
        assertEquals(Set.of(eager.getAcceptedIssuers()), Set.of(lazy.getAcceptedIssuers()));
        assertTrue(lazy.loaded());
        assertTrue(lazy.getAcceptedIssuers().length > 0, "the JDK's trust store is empty here");
    }

    @Test
    void aChainFromAnUnknownCaIsRefusedAsByTheJdk() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Issued ca = pki.ca("Unknown CA");
        TestPki.Issued leaf = pki.leaf(ca, "srs.test", List.of("srs.test"), List.of("127.0.0.1"));
        X509Certificate[] chain = leaf.chain().toArray(new X509Certificate[0]);
        DefaultPkixTrust lazy = new DefaultPkixTrust();
        assertThrows(CertificateException.class, () -> lazy.checkServerTrusted(chain, "ECDHE_ECDSA"));
        assertThrows(CertificateException.class, () -> lazy.checkClientTrusted(chain, "EC"));
        assertThrows(CertificateException.class, () -> DefaultPkixTrust.pkix(null).checkServerTrusted(chain, "ECDHE_ECDSA"));
    }
}
