package dev.siprec.webhook.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A bounded first-in first-out queue of event bodies on disk: one file per event, named by a
 * sequence number, written to a temporary file, fsynced and renamed, so that an event the queue
 * accepted survives a crash or restart of this server and is delivered exactly in order. Files
 * that are not the queue's own are ignored. Not thread-safe: the owner synchronizes.
 */
final class DiskQueue {
    private static final String SUFFIX = ".event";
    private static final int NAME_DIGITS = 19;

    private final Path dir;
    private final int maxEvents;
    private final long maxBytes;
    private final TreeSet<Long> pending = new TreeSet<>();
    private long bytes;
    private long next;

    /**
     * @param maxEvents at most this many events are kept
     * @param maxBytes at most this many bytes of event bodies are kept
     */
    DiskQueue(Path dir, int maxEvents, long maxBytes) throws IOException {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("queue limits must be positive");
        }
        this.dir = dir;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp")) {
                    Files.deleteIfExists(p); // a write that never completed: the event was not accepted
                } else if (n.endsWith(SUFFIX) && n.length() == NAME_DIGITS + SUFFIX.length()) {
                    try {
                        long seq = Long.parseLong(n.substring(0, NAME_DIGITS));
                        pending.add(seq);
                        bytes += Files.size(p);
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            }
        }
        next = pending.isEmpty() ? 1 : pending.last() + 1;
    }

    /** @return whether the event was stored; {@code false} when the queue is full */
    boolean offer(byte[] body) throws IOException {
        if (pending.size() >= maxEvents || bytes + body.length > maxBytes) {
            return false;
        }
        long seq = next++;
        Path tmp = dir.resolve("." + name(seq) + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(body));
            ch.force(true);
        }
        Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        pending.add(seq);
        bytes += body.length;
        return true;
    }

    /** @return the oldest event, or empty */
    Optional<Entry> peek() throws IOException {
        while (!pending.isEmpty()) {
            long seq = pending.first();
            Path f = file(seq);
            if (Files.exists(f)) {
                return Optional.of(new Entry(seq, Files.readAllBytes(f)));
            }
            pending.remove(seq); // removed by hand: skip it
        }
        return Optional.empty();
    }

    /** Removes an event after delivery. */
    void remove(long seq) throws IOException {
        Path f = file(seq);
        if (pending.remove(seq)) {
            long size = Files.exists(f) ? Files.size(f) : 0;
            Files.deleteIfExists(f);
            bytes = Math.max(0, bytes - size);
        }
    }

    int size() {
        return pending.size();
    }

    long bytes() {
        return bytes;
    }

    /** @return the sequence numbers waiting, oldest first (for tests and inspection) */
    List<Long> sequences() {
        return new ArrayList<>(pending);
    }

    private Path file(long seq) {
        return dir.resolve(name(seq) + SUFFIX);
    }

    private static String name(long seq) {
        return String.format("%0" + NAME_DIGITS + "d", seq);
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is atomic
        }
    }

    /** One queued event. */
    record Entry(long sequence, byte[] body) {
    }
}
