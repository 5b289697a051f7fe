package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.audio;
import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The session layer's statistics: admission headroom against max.sessions, and refusals by reason and status. */
class AdmissionCountersTest {

    private static FakeSip.Request call(String callId) {
        FakeSip.Request r = invite("application/sdp", offer(audio(10000, "1", "sendonly")));
        r.callId = callId;
        return r;
    }

    @Test
    void headroomShrinksWithActiveSessionsAndAFullServerCountsMaxSessions() {
        Harness h = new Harness(Map.of("max.sessions", 2));
        Map<String, Long> idle = h.manager.counters.counters();
        assertEquals(2L, idle.get("sessions.max"));
        assertEquals(2L, idle.get("sessions.headroom"));
        assertEquals(200, h.send(call("c1@x")).last().status());
        assertEquals(1L, h.manager.counters.counters().get("sessions.headroom"));
        assertEquals(200, h.send(call("c2@x")).last().status());
        assertEquals(503, h.send(call("c3@x")).last().status());
        Map<String, Long> full = h.manager.counters.counters();
        assertEquals(0L, full.get("sessions.headroom"));
        assertEquals(2L, full.get("sessions.active"));
        assertEquals(1L, full.get("sessions.refused.max_sessions"));
        assertEquals(1L, full.get("invites.refused.503"));
        h.manager.settings(Harness.settings(Map.of("max.sessions", 5)));
        assertEquals(3L, h.manager.counters.counters().get("sessions.headroom"), "a live change of max.sessions shows at once");
    }

    @Test
    void refusalsAreCountedByReason() {
        Harness h = new Harness(Map.of("accept.non.siprec", false));
        FakeSip.Request plain = new FakeSip.Request("INVITE").body("application/sdp", offer(audio(10000, "1", "sendrecv")));
        assertEquals(403, h.send(plain).last().status());
        FakeSip.Request text = invite("text/plain", "hello");
        text.callId = "t@x";
        assertEquals(415, h.send(text).last().status());
        Map<String, Long> c = h.manager.counters.counters();
        assertEquals(1L, c.get("sessions.refused.not_siprec"));
        assertEquals(1L, c.get("sessions.refused.bad_body"));
        assertEquals(1L, c.get("invites.refused.403"));
        assertEquals(1L, c.get("invites.refused.415"));
        assertNull(c.get("sessions.refused.max_sessions"));
    }
}
