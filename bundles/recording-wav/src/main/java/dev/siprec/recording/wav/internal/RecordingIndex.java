package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.siprec.recording.api.RecordingStore.StoredRecording;

/** Lists recent recording sessions from their folders, newest first. */
final class RecordingIndex {
    static final int MAX_COUNT = 10_000;

    private RecordingIndex() {
    }

    static List<StoredRecording> recent(Path root, int count) throws IOException {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ": " + count);
        }
        List<StoredRecording> out = new ArrayList<>();
        for (Path date : SessionFolders.dates(root)) {
            List<StoredRecording> day = new ArrayList<>();
            for (Path folder : SessionFolders.sessions(date)) {
                day.add(entry(date.getFileName().toString(), folder));
            }
            day.sort(Comparator.comparing(StoredRecording::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(StoredRecording::name));
            for (StoredRecording r : day) {
                out.add(r);
                if (out.size() == count) {
                    return out;
                }
            }
        }
        return out;
    }

    private static StoredRecording entry(String date, Path folder) throws IOException {
        long bytes = 0;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(f);
            }
        }
        String name = folder.getFileName().toString();
        String abs = folder.toAbsolutePath().toString();
        try {
            Map<String, Object> doc = SessionFolders.read(folder);
            int streams = doc.get("streams") instanceof List<?> l ? l.size() : 0;
            return new StoredRecording(date, name, abs, text(doc.get("state")), text(doc.get("callId")), time(doc.get("startedAt")),
                    time(doc.get("endedAt")), streams, bytes);
        } catch (IOException e) {
            return new StoredRecording(date, name, abs, "unreadable", null, null, null, 0, bytes);
        }
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    private static Instant time(Object o) {
        if (o instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
