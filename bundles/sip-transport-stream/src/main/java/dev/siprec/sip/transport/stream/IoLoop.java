package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread. Owns the connections registered with it: their reads, writes and timers run
 * here only; other threads hand work in through {@link #execute(Runnable)}.
 */
final class IoLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    private static final long TICK_MILLIS = 100;

    /** What a selection key's attachment does when its channel is ready. */
    interface Handler {
        void ready(SelectionKey key) throws IOException;

        /** An unexpected failure in {@link #ready}; the handler closes itself. */
        void failed(Throwable t);
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<StreamConnection> connections = new HashSet<>();
    /** Shared read buffer: every read is consumed before the next. */
    final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private ByteBuffer scratchApp = ByteBuffer.allocate(0);
    private ByteBuffer scratchNet = ByteBuffer.allocate(0);
    private volatile boolean running = true;
    private long lastTick;

    IoLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this loop's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    ByteBuffer scratchApp(int min) {
        if (scratchApp.capacity() < min) {
            scratchApp = ByteBuffer.allocate(min);
        }
        return scratchApp.clear();
    }

    ByteBuffer scratchNet(int min) {
        if (scratchNet.capacity() < min) {
            scratchNet = ByteBuffer.allocate(min);
        }
        return scratchNet.clear();
    }

    void add(StreamConnection c) {
        connections.add(c);
    }

    void remove(StreamConnection c) {
        connections.remove(c);
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select(TICK_MILLIS);
                runTasks();
                dispatch();
                runTasks();
                long now = System.nanoTime();
                if (now - lastTick >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                    lastTick = now;
                    for (StreamConnection c : new ArrayList<>(connections)) {
                        c.checkTimers(now);
                    }
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                if (running) {
                    LOG.error("I/O loop {} failed; continuing", thread.getName(), e);
                }
            }
        }
        runTasks();
        for (StreamConnection c : new ArrayList<>(connections)) {
            c.abort("listener closed");
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("selector close", e);
        }
    }

    private void dispatch() {
        Set<SelectionKey> keys = selector.selectedKeys();
        for (Iterator<SelectionKey> it = keys.iterator(); it.hasNext();) {
            SelectionKey key = it.next();
            it.remove();
            Handler h = (Handler) key.attachment();
            try {
                if (key.isValid()) {
                    h.ready(key);
                }
            } catch (CancelledKeyException e) {
                LOG.trace("key cancelled", e);
            } catch (IOException | RuntimeException | LinkageError e) {
                // LinkageError: a bundle the handler uses was updated under it; that flow ends, the loop goes on
                h.failed(e);
            }
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("task on I/O loop {} failed", thread.getName(), e);
            }
        }
    }

    /** Stops the loop, closing its connections; waits for the thread up to {@code millis}. */
    void shutdown(long millis) {
        running = false;
        if (!thread.isAlive()) {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("selector close", e);
            }
            return;
        }
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
