package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Walks the recording directory: {@code <yyyy-mm-dd>/<session>/session.json}. */
final class SessionFolders {
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final long MAX_JSON_BYTES = 4L * 1024 * 1024;

    private SessionFolders() {
    }

    /** @return the date folders, newest first. */
    static List<Path> dates(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> DATE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
    }

    /** @return the session folders of one date folder (those holding a {@code session.json}). */
    static List<Path> sessions(Path date) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(date)) {
            s.filter(Files::isDirectory).filter(p -> Files.isRegularFile(p.resolve(FileFacts.SESSION_JSON))).forEach(out::add);
        }
        return out;
    }

    /** Reads a folder's {@code session.json} (bounded size). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path folder) throws IOException {
        Path f = folder.resolve(FileFacts.SESSION_JSON);
        if (Files.size(f) > MAX_JSON_BYTES) {
            throw new IOException(f + " is larger than " + MAX_JSON_BYTES + " bytes");
        }
        try {
            Object v = Json.parse(Files.readString(f, StandardCharsets.UTF_8));
            if (!(v instanceof Map)) {
                throw new IOException(f + " is not a JSON object");
            }
            return (Map<String, Object>) v;
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }
}
