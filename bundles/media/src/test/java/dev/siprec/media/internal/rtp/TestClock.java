package dev.siprec.media.internal.rtp;

import java.time.Instant;

/** A clock moved by the test. */
public final class TestClock implements MediaClock {
    public static final Instant BASE = Instant.parse("2026-11-27T12:00:00Z");
    public volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Instant wallClock(long nanoTime) {
        return BASE.plusNanos(nanoTime);
    }

    public void advanceMillis(long ms) {
        now += ms * 1_000_000L;
    }
}
