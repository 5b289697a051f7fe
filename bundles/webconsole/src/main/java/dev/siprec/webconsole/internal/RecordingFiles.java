package dev.siprec.webconsole.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a recording's audio file from the three names a page link carries (date folder, session
 * folder, file name) inside the recordings root, and nowhere else: each name must be a plain folder
 * or file name as the WAV sink writes them ({@code A-Z a-z 0-9 . _ -}, not {@code .} or
 * {@code ..}), the file must end in {@code .wav}, and the real path (links followed) must still lie
 * inside the real root.
 */
final class RecordingFiles {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,120}");

    private final Path root;

    RecordingFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    static boolean isDate(String s) {
        return s != null && DATE.matcher(s).matches();
    }

    static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches() && !s.equals(".") && !s.equals("..") && !s.startsWith(".");
    }

    /** @return the session folder, if the names are valid and it exists inside the root */
    Optional<Path> folder(String date, String session) throws IOException {
        if (!isDate(date) || !isName(session) || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        return inside(root.resolve(date).resolve(session), true);
    }

    /** @return the WAV file, if every name is valid and the file is a regular file inside the root */
    Optional<Path> wav(String date, String session, String file) throws IOException {
        if (!isName(file) || !file.endsWith(".wav")) {
            return Optional.empty();
        }
        Optional<Path> folder = folder(date, session);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        return inside(folder.get().resolve(file), false);
    }

    private Optional<Path> inside(Path p, boolean directory) throws IOException {
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        Path realRoot = root.toRealPath();
        Path real = p.toRealPath();
        if (!real.startsWith(realRoot) || real.equals(realRoot)) {
            return Optional.empty();
        }
        boolean ok = directory ? Files.isDirectory(real) : Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
        return ok ? Optional.of(real) : Optional.empty();
    }
}
