package dev.siprec.recording.wav.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of writer threads; each session is owned by one of them (the least loaded when it
 * opens), which drains its queue every {@value #TICK_MILLIS} ms or when woken. A session is
 * finalized (every file forced to the device) on the writer thread that owns it.
 */
final class WriterPool {
    private static final Logger LOG = LoggerFactory.getLogger(WriterPool.class);
    static final long TICK_MILLIS = 10;

    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean running = true;

    private final class Worker implements Runnable {
        final List<SinkSession> sessions = new CopyOnWriteArrayList<>();
        final Thread thread;

        Worker(String name) {
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
            while (running) {
                for (SinkSession s : sessions) {
                    try {
                        if (s.drain(System.nanoTime())) {
                            sessions.remove(s);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("writer: session in {} failed", s.recorder().folder(), e);
                    }
                }
                LockSupport.parkNanos(this, tick);
            }
        }
    }

    WriterPool(int threads, String name) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("writer.threads must be between 1 and 64: " + threads);
        }
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(name + "-" + (i + 1));
            workers.add(w);
            w.thread.start();
        }
    }

    /** Hands {@code session} to the least loaded writer thread. */
    void assign(SinkSession session) {
        Worker best = workers.get(0);
        for (Worker w : workers) {
            if (w.sessions.size() < best.sessions.size()) {
                best = w;
            }
        }
        Thread t = best.thread;
        session.wakeWith(() -> LockSupport.unpark(t));
        best.sessions.add(session);
    }

    /** @return sessions not finalized yet. */
    List<SinkSession> sessions() {
        List<SinkSession> all = new ArrayList<>();
        for (Worker w : workers) {
            all.addAll(w.sessions);
        }
        return all;
    }

    /** Stops the threads (after the sessions were ended) and waits for them. */
    void stop() {
        running = false;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
        for (Worker w : workers) {
            try {
                w.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
