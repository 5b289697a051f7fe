package dev.siprec.sip.core.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SipTimers} on one daemon scheduler thread; cancelled tasks are removed at once. */
final class ScheduledSipTimers implements SipTimers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSipTimers.class);

    private final ScheduledThreadPoolExecutor executor;

    ScheduledSipTimers(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        if (executor.isShutdown()) {
            return NONE;
        }
        ScheduledFuture<?> f = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("SIP timer task failed", e);
            }
        }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** @return tasks waiting, for status output. */
    int pending() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
