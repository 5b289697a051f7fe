package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.StreamSummary;

/**
 * {@code session.json} byte for byte: the documents in {@code golden/} were written by the
 * hand-written JSON writer that preceded the library, so a change of the schema or of its
 * formatting shows here. Set {@code -Dgolden.dir=<folder>} to write the current output there for
 * review (the comparison still runs).
 */
class SessionJsonGoldenTest {

    @Test
    void activeSessionAtOpen() throws Exception {
        assertGolden("active.json", Json.write(activeDocument().toMap()));
    }

    @Test
    void completedSessionWithEverything() throws Exception {
        assertGolden("complete.json", Json.write(completeDocument().toMap()));
    }

    @Test
    void valuesAndEscapes() throws Exception {
        assertGolden("values.json", Json.write(values()));
    }

    @Test
    void repairedDocumentWrittenBackFromParsedText() throws Exception {
        // the repair path parses a document and writes it back: the round trip keeps the bytes
        String text = Json.write(completeDocument().toMap());
        assertGolden("complete.json", Json.write(Json.parse(text)));
        assertGolden("values.json", Json.write(Json.parse(Json.write(values()))));
    }

    static SessionDocument activeDocument() {
        MediaStream s1 = Fixtures.stream("1", "1", "sA", 0, 8000);
        MediaStream s2 = Fixtures.stream("2", "2", "sB", 1, 16000);
        RecordingSession rs = Fixtures.session("zJ8p+DxS/Q==", "call-1@host", List.of(
                Fixtures.participant("pA", "sip:alice@example.com", List.of("sA"), List.of("sB")),
                Fixtures.participant("pB", null, List.of(), List.of())), List.of(s1, s2));
        SessionDocument doc = new SessionDocument(rs);
        doc.tracks.add(new StreamTrack(s1, "1.wav", null));
        doc.tracks.add(new StreamTrack(s2, "2.wav", null));
        doc.stereo = new SessionDocument.Stereo("stereo.wav", "1", "2", 8000);
        doc.stereoAlignment = "arrival";
        doc.metadataFiles.add("metadata-1.xml");
        return doc;
    }

    static SessionDocument completeDocument() {
        MediaStream s1 = new MediaStream("1", "1", "sA", 0, "PCMU", 8000, "AES_CM_128_HMAC_SHA1_80");
        MediaStream s2 = new MediaStream("2", "2", "sB", 1, "G722", 16000, "AEAD_AES_128_GCM");
        MediaStream m2 = new MediaStream("m2", null, null, 2, "PCMA", 8000, null);
        Participant alice = new Participant("pA", "sip:alice@example.com", "Alice \"A\" Émile 😀", List.of("sA", "sX"),
                List.of("sB"), Instant.parse("2026-03-14T09:26:53.250Z"), null);
        Participant bob = new Participant("pB", "sip:bob@example.com", null, List.of("sB"), List.of("sA"), null, null);
        RecordingSession rs = new RecordingSession("zJ8p+DxS/Q==", "a\"b\\c\n@host\u2028", "rs-1", null,
                List.of("sess-A", "sess-B"), "TLS", "[2001:db8::1]:5061", Fixtures.T0, List.of(alice, bob),
                List.of(s1, s2, m2), 2);
        SessionDocument doc = new SessionDocument(rs);
        StreamTrack t1 = new StreamTrack(s1, "1.wav", null);
        t1.summary(new StreamSummary("1", List.of(305419896L, 4294967295L), "AES_CM_128_HMAC_SHA1_80", "offer", 1500, 3, 1,
                2, 4, 5));
        StreamTrack t2 = new StreamTrack(s2, "2.wav", null);
        t2.summary(new StreamSummary("2", List.of(1L), null, "handshake", 10, 0, 0, 0, 0, 0, "DTLS", "SRTP_AEAD_AES_128_GCM",
                "server", "sha-256 AB:CD"));
        StreamTrack t3 = new StreamTrack(m2, "m2.wav", null);
        doc.tracks.addAll(List.of(t1, t2, t3));
        doc.endedAt = Fixtures.T0.plusSeconds(90).plusMillis(7);
        doc.state = SessionDocument.COMPLETE;
        doc.endReason = "BYE";
        doc.error = "disk full: /data\t(no space)";
        doc.stereo = new SessionDocument.Stereo("stereo.wav", "1", "2", 16000);
        doc.stereoAlignment = "rtcp";
        doc.stereoOffsetMillis = -12.375;
        doc.dtmf.add(new SessionDocument.Dtmf("1", '5', Fixtures.T0.plusMillis(1500), 120));
        doc.dtmf.add(new SessionDocument.Dtmf("2", '#', Fixtures.T0.plusSeconds(3), 0));
        doc.metadataFiles.addAll(List.of("metadata-1.xml", "metadata-2.xml"));
        doc.notes.add("re-INVITE removed stream m2");
        doc.notes.add("control \u0001\u001f and <xml>&amp;");
        Map<String, Object> f1 = new LinkedHashMap<>();
        f1.put("name", "1.wav");
        f1.put("bytes", 24044L);
        f1.put("sha256", "00ff".repeat(16));
        Map<String, Object> f2 = new LinkedHashMap<>();
        f2.put("name", "metadata-1.xml");
        f2.put("bytes", 0L);
        f2.put("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        doc.files = List.of(f1, f2);
        return doc;
    }

    static Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f bell\u0007 nul\u0000 us\u001f del\u007f ls\u2028 ps\u2029 é 😀 <tag>&");
        m.put("empty string", "");
        m.put("n", null);
        m.put("int", 42);
        m.put("negative int", -7);
        m.put("long", 12345678901L);
        m.put("min long", Long.MIN_VALUE);
        m.put("true", true);
        m.put("false", false);
        m.put("double", 2.5);
        m.put("negative double", -0.001);
        m.put("integral double", 1234.0);
        m.put("negative zero", -0.0);
        m.put("big double", 1e20);
        m.put("small double", 1.5e-7);
        m.put("float", 0.1f);
        m.put("list", Arrays.asList("a", null, 3L, List.of(), Map.of(), List.of(List.of(1L))));
        m.put("empty", List.of());
        m.put("obj", Map.of());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("key \"with\" quotes\n", Map.of("deep", List.of(Map.of("x", 1L))));
        m.put("nested", nested);
        return m;
    }

    private static void assertGolden(String name, String actual) throws IOException {
        String dir = System.getProperty("golden.dir");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name), actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = SessionJsonGoldenTest.class.getResourceAsStream("golden/" + name)) {
            assertNotNull(in, "golden/" + name);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
