package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class DirectoryForcesTest {
    @Test
    void concurrentRequestsShareForcesAndEachWaitsForOneStartedAfterIt() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        DirectoryForces forces = new DirectoryForces(dir -> {
            started.incrementAndGet();
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            concurrent.decrementAndGet();
            completed.incrementAndGet();
        });
        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(pool.submit(() -> {
                go.await();
                int before = started.get();  // forces begun before this request cannot count for it
                forces.force(Path.of("/day"));
                return completed.get() >= before + 1;
            }));
        }
        go.countDown();
        for (Future<Boolean> r : results) {
            assertTrue(r.get(30, TimeUnit.SECONDS), "returned before a force begun after the request completed");
        }
        pool.shutdown();
        assertEquals(1, maxConcurrent.get(), "one fsync of a directory at a time");
        assertTrue(started.get() < callers / 2, "requests share forces: " + started.get() + " for " + callers);
        assertTrue(started.get() >= 1);
    }

    /** Fast forces from many threads: a woken waiter's own round once dropped the entry the previous round still used. */
    @Test
    void backToBackRoundsFromManyThreadsNeverFail() throws Exception {
        AtomicInteger forced = new AtomicInteger();
        DirectoryForces forces = new DirectoryForces(dir -> forced.incrementAndGet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            results.add(pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    forces.force(Path.of("/day"));
                }
                return null;
            }));
        }
        for (Future<?> r : results) {
            r.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(forced.get() >= 1);
    }

    @Test
    void aFailedForceFailsEveryoneWaitingForItAndTheNextRoundTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DirectoryForces forces = new DirectoryForces(dir -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("Input/output error");
            }
        });
        assertThrows(IOException.class, () -> forces.force(Path.of("/day")));
        forces.force(Path.of("/day"));
        assertEquals(2, calls.get());
    }
}
