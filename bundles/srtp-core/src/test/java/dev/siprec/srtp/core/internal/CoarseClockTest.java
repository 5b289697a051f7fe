package dev.siprec.srtp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The packet stamps: never ahead of the clock, and a lag bound that covers a starved or stalled ticker. */
class CoarseClockTest {
    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void withoutATickItIsThePreciseClock() {
        CoarseClock c = new CoarseClock(clock::get, 0);
        clock.set(42);
        assertEquals(42, c.now());
        assertEquals(0, c.lag());
        c.close();
    }

    @Test
    void stampsFollowTheClockAndTheLagCoversEveryGap() throws InterruptedException {
        long tick = TimeUnit.MILLISECONDS.toNanos(1);
        CoarseClock c = new CoarseClock(clock::get, tick);
        try {
            clock.set(2_000);
            waitFor(c, 2_000);
            // the clock jumps 5 s ahead of the stamps (as when the ticker gets no CPU for 5 s)
            long jump = TimeUnit.SECONDS.toNanos(5);
            clock.addAndGet(jump);
            assertTrue(c.now() <= clock.get(), "a stamp is never ahead of the clock");
            assertTrue(c.lag() >= clock.get() - c.now(), "the lag covers the gap not yet ticked over");
            waitFor(c, clock.get());
            assertTrue(c.lag() >= jump, "and, once ticked, the largest gap seen: " + c.lag());
        } finally {
            c.close();
        }
        clock.set(77);
        assertEquals(77, c.now(), "closed: the precise clock");
        assertEquals(0, c.lag());
    }

    private static void waitFor(CoarseClock c, long value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.now() != value) {
            assertTrue(System.nanoTime() < deadline, "the ticker never caught up with " + value);
            Thread.sleep(1);
        }
    }
}
