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

    /**
     * Attack (issue 9, item 9): metadata names carrying ESC/OSC sequences (XML 1.1 character references) were
     * printed raw: an OSC 52 clipboard write, a screen clear, a hidden line. Nothing below U+0020, DEL or
     * U+0080..U+009F may reach the terminal.
     */
    @Test
    void controlCharactersInCallDataNeverReachTheTerminal() {
        String evil = "Alice\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m\r\nfake line\u202e";
        RecordingSession s = new RecordingSession("id-1", evil, evil, evil, List.of(evil), "UDP", evil, START,
                List.of(new Participant(evil, evil, evil, List.of(evil), List.of(evil), START, null)),
                List.of(new MediaStream("1", evil, evil, 0, "PCMU", 8000, null)), 1);
        StreamState st = new StreamState("1", evil, 0, "PCMU", null, true, 40000, evil, 1, 0, 0, 0, 0, START);
        Stub stub = new Stub();
        stub.list.add(new SessionDetails(s, SessionDetails.RECORDING, List.of(st), List.of(evil), "<r>" + evil + "</r>\n<x/>"));
        for (String out : List.of(command(stub).calls(), command(stub).call("id-1"))) {
            for (char c : out.toCharArray()) {
                assertTrue(c == '\n' || (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F) && c != 0x202E),
                        "raw control U+" + Integer.toHexString(c) + " in:\n" + out);
            }
            assertTrue(out.contains("Alice\\x1B]52;c;cm0gLXJmIH4=\\x07\\x1B[2J\\x9B31m\\x0D\\x0Afake line\\u202E"), out);
            String beforeXml = out.contains("Latest metadata:") ? out.substring(0, out.indexOf("Latest metadata:")) : out;
            assertTrue(!beforeXml.contains("\nfake line"), "a value started a line of its own:\n" + out);
        }
        assertEquals("a\\\\b", Terminal.safe("a\\b"), "backslashes are doubled, so the escapes are unambiguous");
        assertEquals("<a>\n</a>", Terminal.safeLines("<a>\n</a>"));
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
        assertTrue(out.contains("SDES") && out.contains("answerer") && !out.contains("fingerprint"), out);
    }

    @Test
    void keysShowTheKeyExchangeProfileRoleAndPeerFingerprint() {
        Stub stub = new Stub();
        KeysCommand k = new KeysCommand();
        k.sessions = stub;
        String fp = "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3C:4F:2C:02:BC:7C:50:1D:C3:42:4C:6B";
        stub.keys.add(new StreamKeyInfo("sid", "2", "AEAD_AES_128_GCM", StreamKeyInfo.KeySource.HANDSHAKE, START,
                Duration.ofSeconds(5), 40, 0, null, false, "DTLS", "SRTP_AEAD_AES_128_GCM", "server", fp));
        String out = k.keys();
        String row = out.lines().filter(l -> l.startsWith("sid")).findFirst().orElseThrow();
        assertTrue(row.contains("DTLS") && row.contains("SRTP_AEAD_AES_128_GCM") && row.contains("server")
                && row.contains("handshake") && row.contains("suite max"), out);
        assertTrue(out.contains("Peer certificate fingerprints:\nsid 2: " + fp + "\n"), out);
    }
}
