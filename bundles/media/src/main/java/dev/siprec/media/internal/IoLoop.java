package dev.siprec.media.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.internal.rtp.MediaClock;

/**
 * One media I/O thread: a selector over the datagram channels of many streams, one receive buffer
 * reused for every datagram, and a periodic tick that releases jitter buffers. Streams are bound to
 * one loop for their life, so their packets are handled in order by one thread.
 * <p>
 * Rounds are coalesced: after a round that took datagrams the thread rests until
 * {@link #COALESCE_NANOS} after the round began (a task ends the rest at once), so the packets of
 * many streams that arrive meanwhile wait in their sockets and are taken in one wake-up instead of
 * one wake-up each. In a round that follows soon after the previous one, one datagram is taken per
 * ready socket (at 20 ms packets a socket rarely holds more; the selector is level-triggered, so a
 * socket with more left is ready again in the next round) and no receive comes back empty; after a
 * longer gap (the thread was not scheduled) each ready socket is read until empty, at most
 * {@value #BATCH} datagrams before the others get their turn.
 */
final class IoLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
    /** Tick period of the jitter buffers. */
    static final long TICK_NANOS = 10_000_000L;
    /** Datagrams read from one socket before the others get their turn. */
    private static final int BATCH = 64;
    /** Least time from the start of one round that took datagrams to the next select. */
    static final long COALESCE_NANOS = 1_000_000L;
    /** A round begun this long after the previous one reads each ready socket until empty. */
    static final long DRAIN_GAP_NANOS = 4 * COALESCE_NANOS;

    /** The receiving side of one socket. */
    interface Endpoint {
        void datagram(byte[] buffer, int length, InetSocketAddress source, long nowNanos);
    }

    /** Something ticked by the loop. */
    interface Tickable {
        void tick(long nowNanos);
    }

    private final Selector selector;
    private final Thread thread;
    private final MediaClock clock;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Tickable> tickables = new ArrayList<>();
    private final byte[] buffer = new byte[65536];
    private final ByteBuffer bytes = ByteBuffer.wrap(buffer);
    private volatile boolean running = true;
    private long lastTick;
    private long errors;
    /** Datagrams read per ready socket in the current round: 1, or {@link #BATCH} after a long gap. */
    private int perKey = BATCH;
    /** Datagrams taken in the current round. */
    private int taken;
    /** When the current (or last) round began: its first ready socket, else the select's return. */
    private long lastRound;
    private boolean roundBegun;
    private final long coalesceNanos;

    IoLoop(String name, MediaClock clock) throws IOException {
        this(name, clock, COALESCE_NANOS);
    }

    /** @param coalesceNanos least time between the starts of two rounds that take datagrams; 0: none */
    IoLoop(String name, MediaClock clock, long coalesceNanos) throws IOException {
        this.coalesceNanos = coalesceNanos;
        this.selector = Selector.open();
        this.clock = clock;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
        LockSupport.unpark(thread);
    }

    /** @return tasks queued and not started yet (tests) */
    int queuedTasks() {
        return tasks.size();
    }

    /** Runs {@code task} on the loop thread and waits for it (runs it directly when on the loop or stopped). */
    void executeAndWait(Runnable task) {
        if (inLoop() || !running) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("media I/O task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("media I/O thread " + thread.getName() + " did not answer in 5 s");
        }
    }

    /** Registers {@code channel} for reading into {@code endpoint}; call on the loop thread. */
    SelectionKey register(DatagramChannel channel, Endpoint endpoint) throws ClosedChannelException {
        return channel.register(selector, SelectionKey.OP_READ, endpoint);
    }

    /** Adds or removes a tickable; call on the loop thread. */
    void addTickable(Tickable t) {
        tickables.add(t);
    }

    void removeTickable(Tickable t) {
        tickables.remove(t);
    }

    /** Lets cancelled keys be deregistered now, so that closing their channels frees the ports at once. */
    void flushCancelled() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            LOG.debug("selectNow failed: {}", e.toString());
        }
    }

    /** Stops the thread after its current round and closes the selector. */
    void stop() {
        running = false;
        selector.wakeup();
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing selector failed: {}", e.toString());
        }
    }

    @Override
    public void run() {
        lastTick = clock.nanoTime();
        lastRound = System.nanoTime();
        while (running) {
            try {
                taken = 0;
                roundBegun = false;
                selector.select(this::ready, 10);
                if (!roundBegun) {
                    lastRound = System.nanoTime();
                }
                long round = lastRound;
                runTasks();
                long now = clock.nanoTime();
                if (now - lastTick >= TICK_NANOS) {
                    lastTick = now;
                    for (int i = 0; i < tickables.size(); i++) {
                        tickables.get(i).tick(now);
                    }
                }
                rest(round);
            } catch (IOException | RuntimeException e) {
                if (errors++ % 1000 == 0) {
                    LOG.error("Media I/O loop {}: unexpected error ({} so far)", thread.getName(), errors, e);
                }
            }
        }
        runTasks();
    }

    /** After a round that took datagrams, rests until {@code coalesceNanos} after {@code roundStart}. */
    private void rest(long roundStart) {
        if (taken == 0 || coalesceNanos <= 0 || !tasks.isEmpty()) {
            return;
        }
        long left = coalesceNanos - (System.nanoTime() - roundStart);
        if (left > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Media I/O task failed", e);
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid() || !key.isReadable()) {
            return;
        }
        if (!roundBegun) {
            // a gap since the previous round (the thread was idle or not scheduled): read sockets until empty
            roundBegun = true;
            long now = System.nanoTime();
            perKey = now - lastRound > DRAIN_GAP_NANOS ? BATCH : 1;
            lastRound = now;
        }
        readBatch(key, perKey);
    }

    /**
     * On the loop thread: hands what the kernel already holds for {@code key}'s channel to its
     * endpoint, at most about {@code max} datagrams (a stream about to close takes the packets sent
     * before the BYE that ended it).
     */
    void drain(SelectionKey key, int max) {
        if (key == null || !key.isValid()) {
            return;
        }
        for (int n = 0; n < max && readBatch(key, BATCH); n += BATCH) {
            // each full batch may leave more behind
        }
    }

    /** @return {@code true} when {@code count} datagrams were read, so more may be waiting */
    private boolean readBatch(SelectionKey key, int count) {
        DatagramChannel ch = (DatagramChannel) key.channel();
        Endpoint endpoint = (Endpoint) key.attachment();
        for (int i = 0; i < count; i++) {
            bytes.clear();
            SocketAddress source;
            try {
                source = ch.receive(bytes);
            } catch (IOException e) {
                LOG.debug("Receive failed on {}: {}", ch, e.toString());
                return false;
            }
            if (source == null) {
                return false;
            }
            taken++;
            try {
                endpoint.datagram(buffer, bytes.position(), (InetSocketAddress) source, clock.nanoTime());
            } catch (RuntimeException e) {
                // a defect on one stream's packet path must not stop the other streams of this thread
                if (errors++ % 1000 == 0) {
                    LOG.error("Media I/O loop {}: packet handling failed ({} so far)", thread.getName(), errors, e);
                }
            }
        }
        return true;
    }
}
