package dev.siprec.sip.transport.tls.internal;

import dev.siprec.sip.transport.common.TlsPolicy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.TlsCredentialSpec;

/** Validation of protocols, cipher suites and client authentication, and the configuration mapping. */
class TlsPolicyTest {

    private static TlsTransportComponent.Config config(Map<String, Object> m) {
        return Converters.standardConverter().convert(m).to(TlsTransportComponent.Config.class);
    }

    @Test
    void defaultsAreTls13And12WithAeadForwardSecretSuites() throws Exception {
        TlsPolicy p = TlsTransportComponent.policy(config(Map.of()));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, p.protocols());
        assertEquals(TlsPolicy.ClientAuth.NONE, p.clientAuth());
        for (String s : p.cipherSuites()) {
            assertTrue(TlsPolicy.tls13Suite(s) || s.startsWith("TLS_ECDHE_") && (s.contains("GCM") || s.contains("CHACHA20")), s);
        }
        SSLEngine e = SSLContext.getDefault().createSSLEngine();
        p.apply(e, true);
        assertArrayEquals(p.protocols(), e.getEnabledProtocols());
        assertFalse(e.getNeedClientAuth());
        assertTrue(e.getSSLParameters().getUseCipherSuitesOrder());
    }

    @Test
    void oldProtocolsAreRefused() {
        for (String bad : new String[] {"TLSv1.1", "TLSv1", "SSLv3", "TLSv1.4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TlsPolicy.of(new String[] {"TLSv1.3", bad}, null, "none"));
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("minimum"), e.getMessage());
        }
    }

    @Test
    void weakUnknownOrUnusableSuitesAreRefused() {
        IllegalArgumentException weak = assertThrows(IllegalArgumentException.class, () -> TlsPolicy.of(null,
                new String[] {"TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"}, "none"));
        assertTrue(weak.getMessage().contains("TLS_RSA_WITH_AES_128_CBC_SHA"), weak.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.of(null,
                new String[] {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}, "none"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TlsPolicy.of(null, new String[] {"TLS_NO_SUCH_SUITE"}, "none"));
        assertTrue(unknown.getMessage().contains("TLS_NO_SUCH_SUITE"), unknown.getMessage());
        IllegalArgumentException only13 = assertThrows(IllegalArgumentException.class,
                () -> TlsPolicy.of(new String[] {"TLSv1.2"}, new String[] {"TLS_AES_128_GCM_SHA256"}, "none"));
        assertTrue(only13.getMessage().contains("TLSv1.2"), only13.getMessage());
        TlsPolicy ok = TlsPolicy.of(new String[] {"TLSv1.3"}, new String[] {"TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384"},
                "NEED");
        assertEquals(Arrays.asList("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"), Arrays.asList(ok.cipherSuites()));
        assertEquals(TlsPolicy.ClientAuth.NEED, ok.clientAuth());
    }

    @Test
    void clientAuthMustBeKnownAndNeedsATrustStore() {
        assertThrows(IllegalArgumentException.class, () -> TlsPolicy.of(null, null, "sometimes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsTransportComponent.policy(config(Map.of("client.auth", "need"))));
        assertTrue(e.getMessage().contains("truststore"), e.getMessage());
        assertEquals(TlsPolicy.ClientAuth.WANT, TlsTransportComponent.policy(config(Map.of("client.auth", "want",
                "truststore", "/etc/ca.pem"))).clientAuth());
    }

    @Test
    void configurationMapsToSettingsAndSpec() {
        TlsTransportComponent.Config c = config(Map.of("keystore", "/k.p12", "keystore.password", "pw",
                "truststore", " /t.pem ", "bind.address", "::", "idle.timeout.seconds", 30));
        TlsCredentialSpec spec = TlsTransportComponent.spec(c, "edge");
        assertEquals("edge", spec.name());
        assertEquals("/k.p12", spec.keystore());
        assertEquals("/t.pem", spec.truststore());
        assertArrayEquals("pw".toCharArray(), spec.keystorePassword());
        assertEquals(null, spec.certificate());
        var s = TlsTransportComponent.settings(c, "edge");
        assertEquals(5061, s.port());
        assertTrue(s.bindAddress().isAnyLocalAddress());
        assertEquals(30, s.idleTimeout().toSeconds());
        assertEquals(65536, s.maxMessageBytes());
    }
}
