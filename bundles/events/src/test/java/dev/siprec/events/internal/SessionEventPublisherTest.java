package dev.siprec.events.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.siprec.events.api.SiprecEvents;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;

class SessionEventPublisherTest {
    private final List<Event> posted = new ArrayList<>();
    private final EventAdmin admin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("events are posted, never sent synchronously");
        }
    };

    private static RecordingSession session() {
        return new RecordingSession("20261203-abc", "call-1@client", null, null, List.of("hVpd7YQgRW2nD22h7q60JQ=="),
                "TLS", "192.0.2.1:5061", Instant.parse("2026-12-03T07:00:00Z"),
                List.of(new Participant("p1", "sip:alice@example.com", "Alice", List.of("s1"), List.of(), null, null),
                        new Participant("p2", null, null, List.of("s2"), List.of(), null, null)),
                List.of(new MediaStream("1", "1", "s1", 0, "PCMU", 8000, "AES_CM_128_HMAC_SHA1_80"),
                        new MediaStream("2", "2", "s2", 1, "PCMU", 8000, null)), 1);
    }

    @Test
    void lifecycleBecomesThreeTopicsWithPortableProperties() {
        SessionEventPublisher p = new SessionEventPublisher(admin, "srs-a");
        p.started(session());
        p.updated(session());
        p.ended(session(), EndReason.BYE);
        assertEquals(List.of(SiprecEvents.TOPIC_SESSION_STARTED, SiprecEvents.TOPIC_SESSION_UPDATED, SiprecEvents.TOPIC_SESSION_ENDED),
                posted.stream().map(Event::getTopic).toList());
        Event ended = posted.get(2);
        assertEquals("srs-a", ended.getProperty(SiprecEvents.NODE));
        assertEquals("20261203-abc", ended.getProperty(SiprecEvents.SESSION_ID));
        assertEquals("call-1@client", ended.getProperty(SiprecEvents.CALL_ID));
        assertEquals("TLS", ended.getProperty(SiprecEvents.TRANSPORT));
        assertEquals("BYE", ended.getProperty(SiprecEvents.END_REASON));
        assertEquals(2, ended.getProperty(SiprecEvents.STREAMS));
        assertEquals("2026-12-03T07:00:00Z", ended.getProperty(SiprecEvents.STARTED_AT));
        assertArrayEquals(new String[] {"sip:alice@example.com", "p2"}, (String[]) ended.getProperty(SiprecEvents.PARTICIPANTS));
        assertArrayEquals(new String[] {"hVpd7YQgRW2nD22h7q60JQ=="}, (String[]) ended.getProperty(SiprecEvents.COMMUNICATION_SESSIONS));
        assertFalse(posted.get(0).containsProperty(SiprecEvents.END_REASON));
    }

    @Test
    void nodeNameFallsBackToTheHostName() {
        assertEquals("node-7", SessionEventPublisher.nodeName(" node-7 "));
        assertFalse(SessionEventPublisher.nodeName(null).isBlank());
    }
}
