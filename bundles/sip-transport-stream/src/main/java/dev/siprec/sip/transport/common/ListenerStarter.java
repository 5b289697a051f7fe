package dev.siprec.sip.transport.common;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configurations of one listener component on a thread of its own, in the order they
 * arrive, so that activating the component does not wait for the listener's slow start (a Jetty
 * server's class loading, TLS credentials and the first {@code SSLContext}), which would otherwise
 * delay the bundles that start after it, the sessions' handler among them. Stopping stays
 * synchronous: {@link #close()} waits for a change in progress and drops the ones not begun, after
 * which the component closes its listener on the caller's thread, as before, so a framework shutdown
 * still closes the listener only after the sessions (at a higher start level) have sent their BYEs
 * over it.
 *
 * @since 0.3
 */
public final class ListenerStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerStarter.class);

    private final String what;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed; // set before taking the monitor, read under it

    /** @param what the listener, e.g. {@code tls-default}, for the thread's name and the log */
    public ListenerStarter(String what) {
        this.what = what;
        // one thread, gone after a few idle seconds, started again by the next change
        this.executor = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sip-" + what + "-start");
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code change} after the changes submitted before it, unless {@link #close()} came first.
     * A change that throws is logged at ERROR and does not stop the ones after it.
     */
    public void submit(Runnable change) {
        try {
            executor.execute(() -> run(change));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closed, change dropped", what);
        }
    }

    private synchronized void run(Runnable change) {
        if (closed) {
            return;
        }
        try {
            change.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{}: the listener could not be started: {}", what, e.toString(), e);
        }
    }

    /**
     * Waits for a change in progress to finish and drops the others; no change runs afterwards.
     * Idempotent.
     */
    public void close() {
        closed = true; // a change that has not taken the monitor yet sees it and does nothing
        synchronized (this) {
            // taken once the change in progress, if any, has finished
            executor.shutdown();
        }
    }
}
