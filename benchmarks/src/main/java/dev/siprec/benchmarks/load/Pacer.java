package dev.siprec.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A sending thread: every millisecond it sends the packets that are due. Streams start on a whole
 * millisecond, so each one sits in one of 20 buckets (its phase within the 20 ms packet interval)
 * and a tick visits only the bucket of its millisecond, plus the streams that are behind (ring not
 * yet filled, or socket refused). Each send's lateness against its schedule goes into a histogram:
 * the proof that the generator keeps time.
 */
final class Pacer implements Runnable {
    static final long INTERVAL_NANOS = 20_000_000L;
    private static final long TICK_NANOS = 1_000_000L;

    private final long epoch;
    private final Queue<MediaStream> incoming = new ConcurrentLinkedQueue<>();
    @SuppressWarnings("unchecked")
    private final List<MediaStream>[] buckets = new List[20];
    private final List<MediaStream> behind = new ArrayList<>();
    private volatile boolean running = true;
    /** CPU time this thread used, set when it ends. */
    volatile long cpuNanos;
    final Histogram lateness = new Histogram();
    volatile long sent;
    volatile long underruns;
    volatile long refused;
    volatile int active;

    /** @param epoch the {@code System.nanoTime()} from which milliseconds are counted (shared by all pacers) */
    Pacer(long epoch) {
        this.epoch = epoch;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new ArrayList<>();
        }
    }

    void add(MediaStream s) {
        if ((s.firstDue - epoch) % TICK_NANOS != 0) {
            throw new IllegalArgumentException("a stream must start on a whole millisecond of the epoch");
        }
        incoming.add(s);
    }

    void stop() {
        running = false;
    }

    /** Streams not yet finished. */
    int active() {
        return active;
    }

    @Override
    public void run() {
        long tick = (System.nanoTime() - epoch) / TICK_NANOS;
        long localSent = 0;
        long localUnder = 0;
        long localRefused = 0;
        int count = 0;
        while (running) {
            for (MediaStream s; (s = incoming.poll()) != null; ) {
                buckets[(int) (((s.firstDue - epoch) / TICK_NANOS) % 20)].add(s);
                count++;
            }
            long now = System.nanoTime();
            long current = (now - epoch) / TICK_NANOS;
            // visit every bucket whose millisecond passed since the last tick (all 20 after a long stall)
            long from = Math.max(tick + 1, current - 19);
            for (long t = from; t <= current; t++) {
                List<MediaStream> bucket = buckets[(int) (t % 20)];
                for (int i = bucket.size() - 1; i >= 0; i--) {
                    MediaStream s = bucket.get(i);
                    int r = sendDue(s);
                    localSent += Math.max(r, 0);
                    if (r < 0) {
                        localRefused++;
                    }
                    if (s.done()) {
                        bucket.set(i, bucket.get(bucket.size() - 1));
                        bucket.remove(bucket.size() - 1);
                        behind.remove(s);
                        count--;
                    } else if (isBehind(s) && !behind.contains(s)) {
                        behind.add(s);
                        localUnder++;
                    }
                }
            }
            for (int i = behind.size() - 1; i >= 0; i--) {
                MediaStream s = behind.get(i);
                localSent += Math.max(sendDue(s), 0);
                if (s.done() || !isBehind(s)) {
                    behind.remove(i);
                }
            }
            tick = current;
            sent = localSent;
            underruns = localUnder;
            refused = localRefused;
            active = count;
            long next = epoch + (current + 1) * TICK_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private boolean isBehind(MediaStream s) {
        return !s.done() && due(s, s.next()) <= System.nanoTime();
    }

    private static long due(MediaStream s, int n) {
        return s.firstDue + n * INTERVAL_NANOS;
    }

    /** Sends every packet of {@code s} that is due; returns how many, or -1 when the socket refused one. */
    private int sendDue(MediaStream s) {
        int n = 0;
        while (!s.done()) {
            long due = due(s, s.next());
            long now = System.nanoTime();
            if (due > now) {
                break;
            }
            int r = s.sendNext();
            if (r <= 0) {
                return n > 0 ? n : r;
            }
            lateness.record((now - due) / 1000);
            n++;
        }
        return n;
    }
}
