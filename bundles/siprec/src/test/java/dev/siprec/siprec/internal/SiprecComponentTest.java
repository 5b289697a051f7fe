package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

/** The DS component on its own: configuration checked at activation, 503 while a needed service is missing. */
class SiprecComponentTest {

    private static SessionConfig config(Map<String, Object> m) {
        return Converters.standardConverter().convert(new HashMap<>(m)).to(SessionConfig.class);
    }

    @Test
    void invalidConfigurationRefusesActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SiprecComponent(new SinkRegistry(), config(Map.of("allowed.sources", "300.1.1.1/8"))));
        assertTrue(e.getMessage().contains("300.1.1.1/8"), e.getMessage());
    }

    @Test
    void withoutAnswererInviteGets503AndDeactivationIsClean() throws Exception {
        SiprecComponent c = new SiprecComponent(new SinkRegistry(), config(Map.of("retry.after.seconds", 9)));
        try {
            FakeSip.Server s = new FakeSip.Server(Harness.invite("application/sdp", Harness.twoStreams()), Harness.udp(), null);
            c.handle(s);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (s.responses.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(503, s.last().status());
            assertEquals("9", s.header("Retry-After"));
            // the refused session is removed on the end threads, after the answer went out
            long gone = System.nanoTime() + 30_000_000_000L;
            while (!c.sessions().isEmpty() && System.nanoTime() < gone) {
                Thread.sleep(5);
            }
            assertTrue(c.sessions().isEmpty(), "the refused session is still listed: " + c.sessions());
            assertTrue(c.keys().isEmpty());
        } finally {
            c.deactivate();
        }
    }

    /** Issue 9 items 5 and 10: the SIP core asks before it answers anything; a certificate rule refuses every plain flow. */
    @Test
    void refusalIsAnsweredForTheCoreAndCertificateRulesRefuseEveryNonTlsFlow() throws Exception {
        SiprecComponent c = new SiprecComponent(new SinkRegistry(), config(Map.of("allowed.certificates", "*.rec.example")));
        try {
            for (String t : new String[] {"UDP", "TCP"}) {
                assertTrue(c.refusal(new FakeSip.Connection(t, "192.0.2.10", 5070)).isPresent(), t + " without TLS refused");
            }
            FakeSip.Connection tls = new FakeSip.Connection("TLS", "192.0.2.10", 5071);
            tls.tls = new dev.siprec.sip.api.TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", java.util.List.of(AccessPolicyTest.clientCert()));
            assertTrue(c.refusal(tls).isEmpty(), "a matching client certificate records");
            c.modified(config(Map.of("allowed.sources", "198.51.100.0/24")));
            assertTrue(c.refusal(new FakeSip.Connection("UDP", "203.0.113.9", 5070)).isPresent(), "live change applies");
            assertTrue(c.refusal(new FakeSip.Connection("UDP", "198.51.100.9", 5070)).isEmpty());
        } finally {
            c.deactivate();
        }
    }
}
