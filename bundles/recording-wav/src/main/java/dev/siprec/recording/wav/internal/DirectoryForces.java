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
 * {@code fsync} of the directory that starts after its request; while one runs, the requests
 * that arrive wait together for the next, which one of them runs for all. So one directory sees at
 * most one {@code fsync} at a time and as many callers as arrive during it share the next.
 */
final class DirectoryForces {
    /** One directory's state: the force running (if any) and the one the new requests wait for. */
    private static final class Dir {
        CompletableFuture<Void> running;
        CompletableFuture<Void> next;
    }

    /** How a directory is forced (tests count the calls). */
    interface Forcer {
        void force(Path dir) throws IOException;
    }

    private final Map<Path, Dir> dirs = new HashMap<>();
    private final Forcer forcer;

    DirectoryForces() {
        this(FileFacts::forceDirectoryOrFail);
    }

    DirectoryForces(Forcer forcer) {
        this.forcer = forcer;
    }

    /** Returns once an {@code fsync} of {@code dir} that started after this call has completed. */
    void force(Path dir) throws IOException {
        CompletableFuture<Void> mine;
        CompletableFuture<Void> before;
        boolean leader;
        synchronized (dirs) {
            Dir d = dirs.computeIfAbsent(dir, k -> new Dir());
            if (d.next != null) {
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
        synchronized (dirs) {
            Dir d = dirs.get(dir);
            d.next = null;          // requests from now on wait for a later round
            d.running = mine;
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
                if (d != null && d.running == mine) {
                    d.running = null;
                }
                if (d != null && d.running == null && d.next == null) {
                    dirs.remove(dir);
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
