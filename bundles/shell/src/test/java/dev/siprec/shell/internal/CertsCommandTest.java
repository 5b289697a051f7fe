package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.siprec.keys.api.TlsCredentials;

class CertsCommandTest {
    /** openssl x509 -in listener.pem -noout -fingerprint -sha256 */
    private static final String FINGERPRINT =
            "37:23:C4:A0:1B:F9:90:36:DD:30:30:A0:F4:41:42:DC:6F:2D:34:32:30:5B:C0:36:A7:36:9E:CB:70:3F:80:50";

    private static X509Certificate cert() throws Exception {
        try (InputStream in = CertsCommandTest.class.getResourceAsStream("/listener.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static TlsCredentials creds(String name, X509Certificate leaf, List<X509Certificate> trust) {
        return new TlsCredentials() {
            @Override
            public SSLContext sslContext() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return List.of(leaf);
            }

            @Override
            public String fingerprint() {
                return FINGERPRINT;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public List<X509Certificate> trustAnchors() {
                return trust;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void listsIdentityAndTrustWithFingerprintAndDaysLeft() throws Exception {
        X509Certificate c = cert();
        Instant now = Instant.parse("2036-11-20T07:00:14Z");
        String out = CertsCommand.render(List.of(creds("tls-default", c, List.of(c))), now);
        assertTrue(out.contains("tls-default"), out);
        assertTrue(out.contains("identity"), out);
        assertTrue(out.contains("trust"), out);
        assertTrue(out.contains(FINGERPRINT), out);
        assertTrue(out.contains("CN=srs.example.net"), out);
        assertTrue(out.contains("2036-11-30 07:00Z"), out);
        assertTrue(out.contains(" 10 "), out);
        assertTrue(out.contains("EXPIRES SOON"), out);
        assertEquals(FINGERPRINT, CertsCommand.fingerprint(c));
    }

    private static dev.siprec.keys.api.CertificateHolder holder(String owner, List<dev.siprec.keys.api.HeldCertificate> held) {
        return new dev.siprec.keys.api.CertificateHolder() {
            @Override
            public String owner() {
                return owner;
            }

            @Override
            public List<dev.siprec.keys.api.HeldCertificate> certificates() {
                return held;
            }
        };
    }

    @Test
    void listsTheCertificatesOtherBundlesHoldBesideTheListeners() throws Exception {
        X509Certificate c = cert();
        Instant now = Instant.parse("2036-11-20T07:00:14Z");
        String out = CertsCommand.render(List.of(creds("tls-default", c, List.of())),
                List.of(holder("dtls", List.of(new dev.siprec.keys.api.HeldCertificate("identity", c),
                        new dev.siprec.keys.api.HeldCertificate("previous", c, true)))), now);
        List<String> rows = out.lines().filter(l -> l.startsWith("dtls")).toList();
        assertEquals(2, rows.size(), out);
        assertTrue(rows.get(0).matches("dtls\\s+identity\\s+O=SIPREC test,CN=srs\\.example\\.net\\s.*"), out);
        assertTrue(rows.get(1).matches("dtls\\s+previous\\s+.*"), out);
        for (String r : rows) {
            assertTrue(r.contains(FINGERPRINT) && r.contains("2036-11-30 07:00Z") && r.contains(" 10 "), r);
        }
        assertTrue(rows.get(0).endsWith("EXPIRES SOON"), rows.get(0));
        assertTrue(rows.get(1).endsWith("ok, rotated"), "a certificate its holder rotates is not flagged: " + rows.get(1));
        String expired = CertsCommand.render(List.of(), List.of(holder("dtls", List.of(new dev.siprec.keys.api.HeldCertificate("identity", c, true)))),
                Instant.parse("2037-01-01T00:00:00Z"));
        assertTrue(expired.contains("EXPIRED"), "an expired one is, rotated or not: " + expired);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("tls-default")), out);
    }

    @Test
    void aHolderThatFailsIsNamedAndTheOthersAreListed() throws Exception {
        dev.siprec.keys.api.CertificateHolder broken = new dev.siprec.keys.api.CertificateHolder() {
            @Override
            public String owner() {
                return "broken";
            }

            @Override
            public List<dev.siprec.keys.api.HeldCertificate> certificates() {
                throw new IllegalStateException("gone");
            }
        };
        String out = CertsCommand.render(List.of(), List.of(broken,
                holder("dtls", List.of(new dev.siprec.keys.api.HeldCertificate("identity", cert())))), Instant.parse("2030-01-01T00:00:00Z"));
        assertTrue(out.contains("certificates of broken unavailable: java.lang.IllegalStateException: gone"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("dtls") && l.contains(FINGERPRINT)), out);
        assertTrue(CertsCommand.render(List.of(), List.of(holder("dtls", List.of())), Instant.now()).startsWith("No TLS credentials"));
    }

    @Test
    void flagsExpired() throws Exception {
        String out = CertsCommand.render(List.of(creds("wss-default", cert(), List.of())), Instant.parse("2037-01-01T00:00:00Z"));
        assertTrue(out.contains("EXPIRED"), out);
    }

    @Test
    void saysWhenNothingIsLoaded() {
        assertTrue(CertsCommand.render(List.of(), Instant.now()).startsWith("No TLS credentials"));
    }

    @Test
    void controlCharactersNeverReachTheTerminal() {
        String shown = Terminal.safe("a\u001b]0;x\u0007b\u009b");
        assertTrue(shown.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), shown);
        assertEquals("plain", Terminal.safe("plain"));
    }
}
