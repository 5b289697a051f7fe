package dev.siprec.sip.transport.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

/** The suites a policy accepts come from a bare context, and are the default context's. */
class TlsPolicyTest {
    @Test
    void theSupportedSuitesAreTheDefaultContextsWithoutLoadingItsStores() throws Exception {
        Set<String> bare = TlsPolicy.supportedCipherSuites();
        Set<String> byDefault = Set.of(SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites());
        assertEquals(byDefault, bare);
        assertTrue(bare.containsAll(Set.of(TlsPolicy.DEFAULT_CIPHER_SUITES)));
    }

    @Test
    void anUnknownSuiteIsStillRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsPolicy.of(null, new String[] {"TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE"}, "none"));
        assertTrue(e.getMessage().contains("not supported by this Java runtime") && e.getMessage().contains("TLS_NO_SUCH_SUITE"),
                e.getMessage());
        TlsPolicy p = TlsPolicy.of(null, null, null);
        assertArrayEquals(TlsPolicy.DEFAULT_CIPHER_SUITES, p.cipherSuites());
    }
}
