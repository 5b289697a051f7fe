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
    /** A change covered by a force that started after it needs no further force; one made later does. */
    @Test
    void aMarkIsCoveredOnlyByAForceThatStartedAfterIt() throws Exception {
        List<Integer> forcedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        DirectoryForces forces = new DirectoryForces(dir -> forcedAt.add(calls.incrementAndGet()));
        Path day = Path.of("/day");
        long a = forces.mark();
        long b = forces.mark();
        forces.force(day, a);               // runs a force that covers a and b
        assertEquals(1, calls.get());
        forces.force(day, b);               // b was taken before that force started: covered
        forces.force(day, a);
        assertEquals(1, calls.get(), "covered marks need no new force");
        long c = forces.mark();             // a change after the last force started
        forces.force(day, c);
        assertEquals(2, calls.get(), "a later change needs a force that starts after it");
        forces.force(Path.of("/other-day"), a); // coverage is per directory
        assertEquals(3, calls.get());
        forces.force(day);                  // no mark: a force that starts after the call, as before
        assertEquals(4, calls.get());
    }

    /** A request whose mark the running force covers waits for that force; a later mark waits for the next. */
    @Test
    void aRunningForceCoversTheMarksTakenBeforeItStarted() throws Exception {
        CountDownLatch inForce = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        DirectoryForces forces = new DirectoryForces(dir -> {
            if (calls.incrementAndGet() == 1) {
                inForce.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            completed.incrementAndGet();
        });
        Path day = Path.of("/day");
        long early = forces.mark();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> leader = pool.submit(() -> {
            forces.force(day, early);
            return null;
        });
        assertTrue(inForce.await(30, TimeUnit.SECONDS));
        long late = forces.mark();          // taken while the first force runs: not covered by it
        java.util.concurrent.atomic.AtomicReference<Thread> t1 = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Thread> t2 = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Integer> coveredWaiter = pool.submit(() -> {
            t1.set(Thread.currentThread());
            forces.force(day, early);       // covered by the running force: must wait for it, not start one
            return completed.get();
        });
        Future<Integer> lateWaiter = pool.submit(() -> {
            t2.set(Thread.currentThread());
            forces.force(day, late);
            return completed.get();
        });
        waitUntilWaiting(t1);               // both are inside force(), blocked, while the first force runs
        waitUntilWaiting(t2);
        assertEquals(0, completed.get());
        release.countDown();
        leader.get(30, TimeUnit.SECONDS);
        assertTrue(coveredWaiter.get(30, TimeUnit.SECONDS) >= 1);
        assertTrue(lateWaiter.get(30, TimeUnit.SECONDS) >= 2, "the later mark waited for a second force");
        assertEquals(2, calls.get());
        pool.shutdown();
    }

    /** A failed force covers nothing: the marks it would have covered are forced again. */
    @Test
    void aFailedForceCoversNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DirectoryForces forces = new DirectoryForces(dir -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("Input/output error");
            }
        });
        Path day = Path.of("/day");
        long m = forces.mark();
        assertThrows(IOException.class, () -> forces.force(day, m));
        forces.force(day, m);
        assertEquals(2, calls.get());
        forces.force(day, m);
        assertEquals(2, calls.get());
    }

    private static void waitUntilWaiting(java.util.concurrent.atomic.AtomicReference<Thread> ref) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Thread t = ref.get();
            if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the caller never blocked");
    }
}
