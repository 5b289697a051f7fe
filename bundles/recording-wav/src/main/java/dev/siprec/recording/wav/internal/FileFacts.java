package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** File helpers: atomic text writes, SHA-256 and the {@code files} list of {@code session.json}. */
final class FileFacts {
    static final String SESSION_JSON = "session.json";
    private static final String TEMP_SUFFIX = ".tmp";

    private FileFacts() {
    }

    /** Writes {@code text} to a temporary file, forces it, and renames it over {@code target}. */
    static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, text, true);
    }

    /**
     * Writes {@code text} to a temporary file and renames it over {@code target}; {@code force}
     * forces the content to the device before the rename (readers never see a partial file either way).
     */
    static void writeAtomically(Path target, String text, boolean force) throws IOException {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8), force);
    }

    /** As {@link #writeAtomically(Path, String, boolean)}, for UTF-8 bytes. */
    static void writeAtomically(Path target, byte[] text, boolean force) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var buf = java.nio.ByteBuffer.wrap(text);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (force) {
                ch.force(true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (force) {
            forceDirectory(target.getParent());
        }
    }

    /**
     * Forces a directory's entries (a rename, a new file) to the device, so that after a power loss the
     * renamed file is there (POSIX: fsync on the directory). Platforms that cannot open a directory for
     * this (Windows) are skipped.
     */
    static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (var ch = java.nio.channels.FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            org.slf4j.LoggerFactory.getLogger(FileFacts.class).debug("cannot force directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Forces a directory's entries to the device; unlike {@link #forceDirectory} a failure is the
     * caller's to handle. Platforms that cannot open a directory for this (Windows) are skipped.
     */
    static void forceDirectoryOrFail(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        java.nio.channels.FileChannel ch;
        try {
            ch = java.nio.channels.FileChannel.open(dir, StandardOpenOption.READ);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    /**
     * Forces {@code file}'s content to the device; a file replaced or removed meanwhile (renamed
     * over by a newer version, which forces itself) is skipped; any other failure is the caller's.
     */
    static void forceExisting(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            // replaced by a newer version between its rename and this open
        }
    }

    /** Forces {@code file}'s content to the device; a file already replaced or removed is skipped. */
    static void forceFile(Path file) {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            // renamed over by a newer version, which forces itself or is forced at the end
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(FileFacts.class).warn("cannot force {}: {}", file, e.toString());
        }
    }

    /** @return the lower-case hex SHA-256 of {@code file}. */
    static String sha256(Path file) throws IOException {
        return sha256(file, new byte[64 * 1024]);
    }

    /** As {@link #sha256(Path)}, reading through {@code buf}. */
    private static String sha256(Path file, byte[] buf) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @return {@code [{name, bytes, sha256}]} for every regular file of {@code folder} except
     *         {@code session.json} and temporary files, by name
     */
    static List<Map<String, Object>> describe(Path folder) throws IOException {
        // one stat per entry (type and size together) and one read buffer for every digest
        List<Map.Entry<Path, Long>> files = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.equals(SESSION_JSON) || name.endsWith(TEMP_SUFFIX)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class); // follows links, as isRegularFile did
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                if (a.isRegularFile()) {
                    files.add(Map.entry(p, a.size()));
                }
            }
        }
        files.sort(Map.Entry.comparingByKey());
        long largest = 0;
        for (Map.Entry<Path, Long> f : files) {
            largest = Math.max(largest, f.getValue());
        }
        byte[] buf = new byte[(int) Math.max(4096, Math.min(64 * 1024, largest + 1))]; // not 64 KiB to zero for short files
        List<Map<String, Object>> out = new ArrayList<>(files.size());
        for (Map.Entry<Path, Long> f : files) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.getKey().getFileName().toString());
            m.put("bytes", f.getValue());
            m.put("sha256", sha256(f.getKey(), buf));
            out.add(m);
        }
        return out;
    }
}
