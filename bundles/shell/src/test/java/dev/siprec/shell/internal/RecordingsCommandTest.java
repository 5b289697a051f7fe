package dev.siprec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.RecordingStore.StoredRecording;

class RecordingsCommandTest {
    private static final Instant T = Instant.parse("2026-03-14T09:00:00Z");

    @Test
    void formatsNewestFirstWithDurationsAndSizes() {
        String out = RecordingsCommand.format(List.of(
                new StoredRecording("2026-03-14", "abc", "/d/2026-03-14/abc", "active", "c1@h", T.plusSeconds(3600), null, 2, 5L << 20),
                new StoredRecording("2026-03-14", "old", "/d/2026-03-14/old", "complete", "c0@h", T, T.plusSeconds(3725), 3, 512)),
                T.plusSeconds(3600 + 61));
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, out);
        assertTrue(lines[0].startsWith("DATE") && lines[0].contains("FOLDER"), lines[0]);
        assertTrue(lines[2].contains("abc") && lines[2].contains("active") && lines[2].contains("0:01:01")
                && lines[2].contains("5.0 MiB") && lines[2].contains("2026-03-14 10:00:00Z"), lines[2]);
        assertTrue(lines[3].contains("1:02:05") && lines[3].contains("512 B") && lines[3].contains("/d/2026-03-14/old"), lines[3]);
    }

    @Test
    void unreadableEntriesPrintDashes() {
        String out = RecordingsCommand.format(List.of(new StoredRecording("2026-03-14", "x", "/x", "unreadable", null, null, null, 0, 0)), T);
        assertTrue(out.contains("unreadable") && out.contains(" - "), out);
    }

    @Test
    void rejectsBadCountsAndSaysWhenNoStoreIsThere() throws Exception {
        RecordingsCommand c = new RecordingsCommand(Clock.fixed(T, ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class, () -> c.recordings(0));
        assertThrows(IllegalArgumentException.class, () -> c.recordings(1001));
        assertTrue(c.recordings().startsWith("No recording store"));
        assertEquals("12.0 KiB", RecordingsCommand.size(12 * 1024));
        assertEquals("0:00:00", RecordingsCommand.duration(Duration.ofSeconds(-5)));
    }
}
