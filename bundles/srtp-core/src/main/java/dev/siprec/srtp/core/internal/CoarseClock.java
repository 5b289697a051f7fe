package dev.siprec.srtp.core.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The time stamped on every authenticated packet (an SSRC's "last seen", for idle eviction) without
 * a clock read per packet: one daemon thread per engine copies the precise clock into a volatile
 * field every {@code tickNanos}, and a packet reads that field (a plain memory load instead of about
 * 25 ns of {@code System.nanoTime} on the build machine). A stamp may therefore lag the real time by
 * up to one tick, or longer when the ticker is starved of CPU; {@link #lag()} bounds that lag from
 * the largest gap between ticks seen so far and the gap now, so that a caller comparing stamps with
 * the precise clock can stay on the safe side (an SSRC is evicted only once it has really been
 * silent long enough). With {@code tickNanos == 0} there is no thread and {@link #now()} is the
 * precise clock (tests drive a manual clock that way).
 */
final class CoarseClock implements AutoCloseable {
    private final LongSupplier precise;
    private final long tickNanos;
    private final Thread ticker;
    private volatile long now;
    private volatile long maxGap;
    private volatile boolean closed;

    /**
     * @param precise the clock to follow, nanoseconds
     * @param tickNanos how often to follow it; 0 reads {@code precise} on every call instead
     */
    CoarseClock(LongSupplier precise, long tickNanos) {
        this.precise = precise;
        this.tickNanos = tickNanos;
        this.now = precise.getAsLong();
        if (tickNanos > 0) {
            ticker = new Thread(this::run, "srtp-coarse-clock");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            ticker = null;
        }
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(this, tickNanos);
            long t = precise.getAsLong();
            long gap = t - now;
            if (gap > maxGap) {
                maxGap = gap;
            }
            now = t;
        }
    }

    /** @return the time at the last tick (never ahead of the precise clock); the precise time once closed */
    long now() {
        return ticker == null || closed ? precise.getAsLong() : now;
    }

    /** @return the precise time, for the rare paths that compare with stamps */
    long precise() {
        return precise.getAsLong();
    }

    /** @return an upper bound on how far a stamp taken from {@link #now()} may lag the precise time it was taken at */
    long lag() {
        if (ticker == null || closed) {
            return 0;
        }
        return Math.max(maxGap, precise.getAsLong() - now) + tickNanos;
    }

    /** Stops the ticker; a session that outlives its engine then reads the precise clock. */
    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            LockSupport.unpark(ticker);
        }
    }
}
