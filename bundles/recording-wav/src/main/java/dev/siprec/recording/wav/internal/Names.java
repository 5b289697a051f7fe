package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Safe names for folders and files built from values that come off the wire (Call-IDs, RFC 7865
 * ids, SDP labels): only {@code A-Z a-z 0-9 . _ -}, never starting with a dot, bounded length, and a
 * numeric suffix on collision. Nothing can escape the parent folder.
 */
final class Names {
    static final int MAX_LENGTH = 80;
    private static final int MAX_SUFFIX = 10_000;

    private Names() {
    }

    /** Maps {@code raw} to the safe charset; {@code fallback} when nothing is left. */
    static String sanitize(String raw, String fallback, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), maxLength));
        for (int i = 0; i < raw.length() && sb.length() < maxLength; i++) {
            char c = raw.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' && sb.length() > 0;
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        return s.chars().allMatch(c -> c == '_') ? fallback + "_" + s : s;
    }

    /**
     * Creates a new folder named after {@code raw} under {@code parent}, adding {@code -2},
     * {@code -3}, … when the name is taken.
     */
    static Path createUniqueFolder(Path parent, String raw) throws IOException {
        String base = sanitize(raw, "session", MAX_LENGTH);
        for (int i = 1; i <= MAX_SUFFIX; i++) {
            Path candidate = inside(parent, i == 1 ? base : base + "-" + i);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                // try the next suffix
            }
        }
        throw new IOException("no free folder name for " + base + " under " + parent);
    }

    /** @return {@code base + ext}, or {@code base-2 + ext}, … the first not in {@code taken}; adds it to {@code taken}. */
    static String uniqueFile(Set<String> taken, String base, String ext) {
        for (int i = 1; i <= MAX_SUFFIX; i++) {
            String name = (i == 1 ? base : base + "-" + i) + ext;
            if (taken.add(name)) {
                return name;
            }
        }
        throw new IllegalStateException("no free file name for " + base + ext);
    }

    /** Resolves {@code name} under {@code parent}, refusing anything that would leave it. */
    static Path inside(Path parent, String name) {
        Path p = parent.resolve(name).normalize();
        if (!parent.normalize().equals(p.getParent())) {
            throw new IllegalArgumentException("name escapes its folder: " + name);
        }
        return p;
    }
}
