package dev.siprec.sip.core.internal;

/**
 * The clock and scheduler behind every RFC 3261 §17 timer. Production uses
 * {@link ScheduledSipTimers}; tests use a manual implementation that advances time instantly.
 */
public interface SipTimers {

    /** A scheduled task that can be cancelled. */
    interface Timer {
        /** Cancels the task; a no-op when it already ran. */
        void cancel();
    }

    /** A timer that never fires, used as the "no timer" value. */
    Timer NONE = () -> { };

    /**
     * Runs {@code task} once after {@code delayMs} milliseconds on the timer thread.
     *
     * @param delayMs delay, zero runs it as soon as possible
     */
    Timer schedule(long delayMs, Runnable task);

    /** @return the current time in milliseconds, on the same clock as {@link #schedule}. */
    long nowMillis();
}
