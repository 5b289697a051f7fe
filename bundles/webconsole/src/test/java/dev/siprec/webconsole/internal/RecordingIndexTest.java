package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingIndexTest {
    @TempDir
    Path root;

    private void recording(String day, String name, String callId, String started, String aor, String partyName) throws Exception {
        Path dir = Files.createDirectories(root.resolve(day).resolve(name));
        Files.writeString(dir.resolve("session.json"), """
                {"schemaVersion":1,"id":"%s","callId":"%s","transport":"UDP","peer":"127.0.0.1:5070","startedAt":"%s",
                 "endedAt":null,"state":"complete","endReason":"BYE",
                 "participants":[{"id":"p1","aor":"%s","name":"%s","sends":["1"],"receives":[]}],
                 "streams":[{"label":"1","key":"1","codec":"PCMU","sampleRate":8000,"srtp":{"suite":"AES_CM_128_HMAC_SHA1_80"},
                   "packets":{"received":100,"lost":2},"file":"stream-1.wav","durationMs":2000}],
                 "stereo":{"file":"stereo.wav","left":"1","right":"2"},"files":[]}
                """.formatted(name, callId, started, aor, partyName));
    }

    @Test
    void searchesByDateAndParticipantNewestFirst() throws Exception {
        recording("2026-12-01", "a", "call-a", "2026-12-01T10:00:00Z", "sip:alice@example.com", "Alice");
        recording("2026-12-02", "b", "call-b", "2026-12-02T09:00:00Z", "sip:bob@example.com", "Bob <script>");
        recording("2026-12-02", "c", "call-c", "2026-12-02T11:00:00Z", "sip:alice@example.com", "Alice");
        Files.createDirectories(root.resolve("2026-12-02/broken"));
        Files.writeString(root.resolve("2026-12-02/broken/session.json"), "{\"callId\": [");
        RecordingIndex index = new RecordingIndex(new RecordingFiles(root), 100, 1000);

        assertEquals(List.of("call-c", "call-b", "call-a"), ids(index.search(null, null)));
        assertEquals(List.of("call-c", "call-b"), ids(index.search("2026-12-02", "")));
        assertEquals(List.of("call-c", "call-a"), ids(index.search(null, "ALICE")));
        assertEquals(List.of("call-b"), ids(index.search(null, "bob@")));
        assertEquals(List.of(), ids(index.search("2026-11-30", null)));
        assertThrows(IllegalArgumentException.class, () -> index.search("../etc", null));

        SessionSummary c = index.search(null, "call-c").hits().get(0);
        assertEquals("stereo.wav", c.stereoFile());
        assertEquals("AES_CM_128_HMAC_SHA1_80", c.streams().get(0).suite());
        assertEquals(2, c.streams().get(0).lost());
    }

    @Test
    void theListingIsBounded() throws Exception {
        for (int i = 0; i < 30; i++) {
            recording("2026-12-02", "s" + i, "call-" + i, "2026-12-02T10:00:" + String.format("%02d", i) + "Z", "sip:x@y", "X");
        }
        RecordingIndex.Page page = new RecordingIndex(new RecordingFiles(root), 10, 1000).search(null, null);
        assertEquals(10, page.hits().size());
        assertTrue(page.truncated());
        assertEquals("call-29", page.hits().get(0).callId());
        RecordingIndex.Page scanned = new RecordingIndex(new RecordingFiles(root), 100, 12).search(null, null);
        assertEquals(12, scanned.hits().size());
        assertTrue(scanned.truncated());
    }

    private static List<String> ids(RecordingIndex.Page p) {
        return p.hits().stream().map(SessionSummary::callId).toList();
    }
}
