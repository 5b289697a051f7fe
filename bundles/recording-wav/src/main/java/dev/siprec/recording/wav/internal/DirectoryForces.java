package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Forces directories to the device with group commit: every new session folder needs its date
 * folder forced, and hundreds arrive per second into the same date folder. A caller needs one
 * {@code fsync} of the directory that starts after its change (its {@link #mark()}); while one
 * runs, the requests that arrive wait together for the next, which one of them runs for all. So one
 * directory sees at most one {@code fsync} at a time and as many callers as arrive during it share
 * the next. A caller whose change is already covered, by a force that started after its mark and
 * has completed or is running, does not wait for another one: a session folder made at set-up is
 * usually covered by the force of another session's request before its own request comes.
 */
final class DirectoryForces {
    /** One directory's state: the force running (if any) and the one the new requests wait for. */
    private static final class Dir {
        CompletableFuture<Void> running;
        /** The highest mark taken before {@code running} started. */
        long runningCovers;
        CompletableFuture<Void> next;
        /** The highest mark taken before a force of this directory that has completed successfully. */
        long durable;
    }

    /** Directories kept with their {@code durable} mark once idle (the date folders of a few days). */
    private static final int KEEP_IDLE = 8;

    /** How a directory is forced (tests count the calls). */
    interface Forcer {
        void force(Path dir) throws IOException;
    }

    private final Map<Path, Dir> dirs = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicLong marks = new java.util.concurrent.atomic.AtomicLong();
    private final Forcer forcer;

    DirectoryForces() {
        this(FileFacts::forceDirectoryOrFail);
    }

    DirectoryForces(Forcer forcer) {
        this.forcer = forcer;
    }

    /**
     * Marks a change just made to a directory (an entry created, renamed or removed): a force of
     * the directory that starts after this call covers it. Take it after the change returned.
     */
    long mark() {
        return marks.incrementAndGet();
    }

    /** Returns once an {@code fsync} of {@code dir} that started after this call has completed. */
    void force(Path dir) throws IOException {
        force(dir, mark());
    }

    /**
     * Returns once an {@code fsync} of {@code dir} that started after {@code mark} was taken has
     * completed successfully; runs one if none has started since.
     */
    void force(Path dir, long mark) throws IOException {
        CompletableFuture<Void> mine;
        CompletableFuture<Void> before;
        boolean leader;
        synchronized (dirs) {
            Dir d = dirs.computeIfAbsent(dir, k -> new Dir());
            if (d.durable >= mark) {
                return;             // a force that started after the change has completed
            }
            if (d.running != null && d.runningCovers >= mark) {
                mine = d.running;   // the force running started after the change
                before = null;
                leader = false;
            } else if (d.next != null) {
                mine = d.next;      // a round not started yet: it will start after this request
                before = null;
                leader = false;
            } else {
                mine = new CompletableFuture<>();
                d.next = mine;
                before = d.running;
                leader = true;
            }
        }
        if (!leader) {
            await(mine);
            return;
        }
        if (before != null) {
            before.handle((v, e) -> null).join(); // one fsync of a directory at a time: the others gather meanwhile
        }
        long covers;
        synchronized (dirs) {
            Dir d = dirs.get(dir);
            d.next = null;          // requests from now on wait for a later round
            d.running = mine;
            covers = marks.get();   // every mark up to here was taken before this fsync starts
            d.runningCovers = covers;
        }
        Throwable failure = null;
        try {
            forcer.force(dir);
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            // the state first, then the waiters: a waiter woken early could otherwise run its own round
            // and drop this directory's entry before this one is done with it
            synchronized (dirs) {
                Dir d = dirs.get(dir);
                if (d != null && failure == null) {
                    d.durable = Math.max(d.durable, covers);
                }
                if (d != null && d.running == mine) {
                    d.running = null;
                }
                if (dirs.size() > KEEP_IDLE) {
                    dirs.values().removeIf(x -> x != d && x.running == null && x.next == null);
                }
            }
            if (failure == null) {
                mine.complete(null);
            } else {
                mine.completeExceptionally(failure);
            }
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a directory to be forced", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(String.valueOf(c), c);
        }
    }
}
