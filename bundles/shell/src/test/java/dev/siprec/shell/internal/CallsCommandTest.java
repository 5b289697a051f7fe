package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.recording.api.SessionDetails;
import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.recording.api.StreamState;

/** siprec:calls, siprec:call, siprec:hangup and siprec:keys over a stub RecordingSessions. */
class CallsCommandTest {
    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    static final class Stub implements RecordingSessions {
        final List<SessionDetails> list = new ArrayList<>();
        final List<StreamKeyInfo> keys = new ArrayList<>();
        final List<String> hungUp = new ArrayList<>();

        @Override public List<SessionDetails> sessions() { return list; }
        @Override public Optional<SessionDetails> session(String id) {
            return list.stream().filter(d -> d.session().id().equals(id)).findFirst();
        }
        @Override public boolean hangUp(String id) {
            boolean found = session(id).isPresent();
            if (found) {
                hungUp.add(id);
            }
            return found;
        }
        @Override public List<StreamKeyInfo> keys() { return keys; }
    }

    static SessionDetails details() {
        RecordingSession s = new RecordingSession("20260101T100000Z-abc-x1", "abc@client", null, "g1", List.of("s1"), "TLS",
                "192.0.2.10:5061", START,
                List.of(new Participant("p1", "sip:alice@example.com", "Alice", List.of("st1"), List.of("st2"), START, null)),
                List.of(new MediaStream("1", "1", "st1", 0, "PCMU", 8000, "AES_CM_128_HMAC_SHA1_80")), 2);
        StreamState st = new StreamState("1", "1", 0, "PCMU", "AES_CM_128_HMAC_SHA1_80", true, 40000, "192.0.2.10:10000",
                990, 10, 1, 0, 0, START.plusSeconds(59));
        return new SessionDetails(s, SessionDetails.RECORDING, List.of(st), List.of("a note"), "<recording/>");
    }

    private static CallsCommand command(Stub stub) {
        CallsCommand c = new CallsCommand();
        c.sessions = stub;
        c.clock = Clock.fixed(START.plus(Duration.ofSeconds(3723)), ZoneOffset.UTC);
        return c;
    }

    @Test
    void callsTable() {
        Stub stub = new Stub();
        assertEquals("No active recording session.\n", command(stub).calls());
        stub.list.add(details());
        String out = command(stub).calls();
        assertTrue(out.startsWith("ID"), out);
        assertTrue(out.contains("20260101T100000Z-abc-x1") && out.contains("abc@client") && out.contains("192.0.2.10:5061"), out);
        assertTrue(out.contains("AES_CM_128_HMAC_SHA1_80") && out.contains("990") && out.contains("10 (1.0%)"), out);
        assertTrue(out.contains("1:02:03"), out);
    }

    @Test
    void callDetailsAndErrors() {
        Stub stub = new Stub();
        stub.list.add(details());
        String out = command(stub).call("20260101T100000Z-abc-x1");
        assertTrue(out.contains("sip:alice@example.com") && out.contains("st1") && out.contains("a note")
                && out.contains("<recording/>") && out.contains("192.0.2.10:10000"), out);
        assertThrows(IllegalArgumentException.class, () -> command(stub).call("nope"));
        assertThrows(IllegalArgumentException.class, () -> command(stub).call(" "));
        CallsCommand none = new CallsCommand();
        assertThrows(IllegalStateException.class, none::calls);
    }

    @Test
    void hangup() {
        Stub stub = new Stub();
        stub.list.add(details());
        assertTrue(command(stub).hangup("20260101T100000Z-abc-x1").contains("BYE sent"));
        assertEquals(List.of("20260101T100000Z-abc-x1"), stub.hungUp);
        assertThrows(IllegalArgumentException.class, () -> command(stub).hangup("other"));
    }

    @Test
    void keysWithoutKeyBytes() {
        Stub stub = new Stub();
        KeysCommand k = new KeysCommand();
        k.sessions = stub;
        assertEquals("No active SRTP stream.\n", k.keys());
        stub.keys.add(new StreamKeyInfo("sid", "1", "AES_CM_128_HMAC_SHA1_80", StreamKeyInfo.KeySource.ANSWER, START,
                Duration.ofSeconds(90), 512, 1024, "1:4", true));
        String out = k.keys();
        assertTrue(out.contains("answer") && out.contains("0:01:30") && out.contains("512") && out.contains("50.0%")
                && out.contains("1:4") && out.contains("pending"), out);
    }
}
