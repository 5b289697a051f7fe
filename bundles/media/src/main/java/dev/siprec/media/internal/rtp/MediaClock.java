package dev.siprec.media.internal.rtp;

import java.time.Instant;

/** Monotonic time for playout deadlines and its mapping to wall-clock time; replaceable in tests. */
public interface MediaClock {

    /** @return monotonic nanoseconds */
    long nanoTime();

    /** @return the wall-clock instant of a {@link #nanoTime()} value */
    Instant wallClock(long nanoTime);

    /** The JVM clocks. */
    static MediaClock system() {
        return new MediaClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant wallClock(long nanoTime) {
                return Instant.now().minusNanos(System.nanoTime() - nanoTime);
            }
        };
    }
}
