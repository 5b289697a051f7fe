package dev.siprec.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that protects packets ahead of the pacer: it walks every active stream and tops up its
 * ring ({@link MediaStream#RING} packets, 320 ms ahead), then rests 5 ms. All SRTP work happens here,
 * so the pacer only sends.
 */
final class Prefiller implements Runnable {
    private final Queue<MediaStream> incoming = new ConcurrentLinkedQueue<>();
    private final List<MediaStream> streams = new ArrayList<>();
    private volatile boolean running = true;
    /** CPU time this thread used, set when it ends. */
    volatile long cpuNanos;
    volatile long protectedPackets;

    void add(MediaStream s) {
        incoming.add(s);
        LockSupport.unpark(thread);
    }

    private volatile Thread thread;

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long made = 0;
        while (running) {
            for (MediaStream s; (s = incoming.poll()) != null; ) {
                streams.add(s);
            }
            for (int i = streams.size() - 1; i >= 0; i--) {
                MediaStream s = streams.get(i);
                made += s.fill();
                if (s.filled()) {
                    s.retireProtector();
                    streams.set(i, streams.get(streams.size() - 1));
                    streams.remove(streams.size() - 1);
                }
            }
            protectedPackets = made;
            if (incoming.isEmpty()) {
                LockSupport.parkNanos(5_000_000);
            }
        }
        for (MediaStream s : streams) {
            s.retireProtector();
        }
        cpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
