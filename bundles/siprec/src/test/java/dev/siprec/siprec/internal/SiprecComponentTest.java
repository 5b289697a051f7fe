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
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s.responses.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(503, s.last().status());
            assertEquals("9", s.header("Retry-After"));
            assertTrue(c.sessions().isEmpty());
            assertTrue(c.keys().isEmpty());
        } finally {
            c.deactivate();
        }
    }
}
