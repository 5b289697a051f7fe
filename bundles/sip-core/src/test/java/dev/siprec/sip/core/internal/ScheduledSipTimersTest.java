package dev.siprec.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The production scheduler: runs, cancels, survives a failing task, and stops on close. */
class ScheduledSipTimersTest {

    @Test
    void runsCancelsAndSurvivesFailures() throws Exception {
        try (ScheduledSipTimers timers = new ScheduledSipTimers("test-timers")) {
            AtomicBoolean cancelledRan = new AtomicBoolean();
            SipTimers.Timer t = timers.schedule(50, () -> cancelledRan.set(true));
            t.cancel();
            timers.schedule(0, () -> {
                throw new IllegalStateException("a failing task is logged, not fatal");
            });
            CountDownLatch ran = new CountDownLatch(1);
            timers.schedule(100, ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertFalse(cancelledRan.get());
        }
    }

    @Test
    void nothingRunsAfterClose() throws Exception {
        ScheduledSipTimers timers = new ScheduledSipTimers("test-timers");
        timers.close();
        assertTrue(timers.schedule(0, () -> { }) == SipTimers.NONE);
    }
}
