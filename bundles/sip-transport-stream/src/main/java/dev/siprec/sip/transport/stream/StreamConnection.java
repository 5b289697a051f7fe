package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

/**
 * One TCP or TLS flow (RFC 5626 §3). Reads, writes and timers run on its {@link IoLoop}; {@link #send}
 * and {@link #close} may be called from any thread and hand work to the loop.
 */
public final class StreamConnection implements SipConnection, IoLoop.Handler, StreamLayer.Io {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);
    private static final byte[] PONG = {'\r', '\n'};
    /** How long a connection stays open after a framing error so that the core's 4xx/5xx can go out. */
    private static final long ERROR_LINGER_NANOS = 1_000_000_000L;

    enum State { HANDSHAKING, OPEN, CLOSING, CLOSED }

    private final StreamListener listener;
    private final IoLoop loop;
    private final SocketChannel channel;
    private final StreamLayer layer;
    private final FramingInput input;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final InetAddress capIp;
    private final boolean inbound;
    private final WritePath writes = new WritePath();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile State state = State.HANDSHAKING;
    private SelectionKey key;
    private final long created;
    private long lastActivity;
    /** Last SIP message received or sent (keep-alives excluded), or the last time a dialog was seen on it. */
    private long lastMessage;
    private boolean anyByte;
    private long closeDeadline;
    private boolean closeWhenFlushed;
    private boolean sentWhileClosing;
    private boolean closeNotified;

    StreamConnection(StreamListener listener, IoLoop loop, SocketChannel channel, StreamLayer layer,
                     InetSocketAddress remote, InetSocketAddress local, InetAddress capIp, boolean inbound, long now) {
        this.listener = listener;
        this.loop = loop;
        this.channel = channel;
        this.layer = layer;
        this.remote = remote;
        this.local = local;
        this.capIp = capIp;
        this.inbound = inbound;
        this.created = now;
        this.lastActivity = now;
        this.lastMessage = now;
        this.input = new FramingInput(this, listener.limits());
    }

    /** Registers with the loop and starts the layer; runs on the loop thread. */
    void start() {
        try {
            key = loop.register(channel, SelectionKey.OP_READ, this);
            loop.add(this);
            layer.open(this);
            flushWrites();
        } catch (IOException | RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    StreamListener listener() {
        return listener;
    }

    InetAddress capIp() {
        return capIp;
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        if (k.isReadable()) {
            read();
        }
        if (k.isValid() && k.isWritable()) {
            flushWrites();
        }
    }

    private void read() throws IOException {
        ByteBuffer buf = loop.readBuffer;
        buf.clear();
        int n = channel.read(buf);
        if (n < 0) {
            LOG.debug("{} closed by peer {}", listener.name(), remote);
            abort("closed by peer");
            return;
        }
        if (n == 0) {
            return;
        }
        lastActivity = System.nanoTime();
        anyByte = true;
        buf.flip();
        try {
            layer.inbound(buf, this);
        } catch (SSLException e) {
            tlsFailure(e);
            return;
        }
        if (writes.hasWire()) {
            flushWrites();
        }
    }

    private void tlsFailure(SSLException e) {
        if (state == State.HANDSHAKING) {
            listener.counters().handshakeFailures.increment();
            listener.peerLog().warn(remote.getAddress(), "{}: TLS handshake with {} failed: {}", listener.name(),
                    remote, TlsReasons.describe(e));
        } else {
            listener.counters().ioErrors.increment();
            listener.peerLog().warn(remote.getAddress(), "{}: TLS error on connection from {}: {}",
                    listener.name(), remote, TlsReasons.describe(e));
        }
        ready.completeExceptionally(e);
        flushQuietly();
        abort("TLS failure: " + e.getMessage());
    }

    @Override
    public void failed(Throwable t) {
        if (t instanceof SSLException ssl) {
            tlsFailure(ssl);
            return;
        }
        if (t instanceof IOException) {
            listener.counters().ioErrors.increment();
            LOG.debug("{}: I/O error on connection {}: {}", listener.name(), remote, t.toString());
        } else {
            listener.counters().ioErrors.increment();
            LOG.warn("{}: unexpected failure on connection {}; closing it", listener.name(), remote, t);
        }
        ready.completeExceptionally(t);
        abort(t.toString());
    }

    // --- StreamLayer.Io

    @Override
    public void deliver(ByteBuffer plaintext) {
        if (state == State.CLOSING || state == State.CLOSED) {
            plaintext.position(plaintext.limit());
            return;
        }
        input.feed(plaintext, System.nanoTime());
    }

    @Override
    public void transmit(ByteBuffer wire) {
        writes.queue(wire);
    }

    @Override
    public void established() {
        if (state == State.HANDSHAKING) {
            state = State.OPEN;
        }
        ready.complete(null);
        flushOutbox();
    }

    @Override
    public void closedByPeer() {
        LOG.debug("{}: {} ended the TLS session", listener.name(), remote);
        layer.close(this);
        flushQuietly();
        abort("closed by peer");
    }

    @Override
    public void offload(Runnable work, StreamLayer.Continuation then) {
        Runnable job = () -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                loop.execute(() -> failed(e));
                return;
            }
            loop.execute(() -> {
                if (state == State.CLOSED) {
                    return;
                }
                try {
                    then.run();
                    flushWrites();
                } catch (IOException | RuntimeException | LinkageError e) {
                    failed(e);
                }
            });
        };
        try {
            listener.handshakePool().execute(job);
        } catch (RejectedExecutionException e) {
            listener.counters().handshakeRejected.increment();
            listener.peerLog().warn(remote.getAddress(), "{}: TLS handshake pool full; closing the connection from {}",
                    listener.name(), remote);
            ready.completeExceptionally(new IOException("TLS handshake pool full"));
            abort("handshake pool full");
        }
    }

    @Override
    public ByteBuffer scratchApp(int minCapacity) {
        return loop.scratchApp(minCapacity);
    }

    @Override
    public ByteBuffer scratchNet(int minCapacity) {
        return loop.scratchNet(minCapacity);
    }

    // --- framing callbacks (from FramingInput, loop thread)

    void messageFramed(byte[] message) {
        lastMessage = System.nanoTime();
        listener.counters().received.increment();
        listener.dispatch(this, message);
    }

    void keepAlive() {
        listener.counters().keepAlives.increment();
        if (state == State.OPEN) {
            try {
                layer.outbound(ByteBuffer.wrap(PONG), this);
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    void framingError(int status, String reason, byte[] partial) {
        listener.counters().framingErrors.increment();
        listener.peerLog().warn(remote.getAddress(), "{}: framing error from {}: {} {}; closing the connection",
                listener.name(), remote, status, reason);
        beginClosing(false, ERROR_LINGER_NANOS);
        listener.framingError(this, partial, status, reason);
    }

    // --- SipConnection

    @Override
    public SipTransport transport() {
        return listener;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public boolean isOpen() {
        State s = state;
        return s == State.OPEN || s == State.HANDSHAKING;
    }

    @Override
    public void send(byte[] message) throws IOException {
        State s = state;
        if (s == State.CLOSED) {
            throw new IOException("connection to " + remote + " is closed");
        }
        if (!writes.offer(message)) {
            listener.counters().writeOverflows.increment();
            loop.execute(() -> abort("write backlog over " + StreamSettings.MAX_WRITE_BACKLOG + " bytes"));
            throw new IOException("connection to " + remote + " is not reading: write backlog full");
        }
        if (loop.inLoop()) {
            flushOutbox();
        } else {
            loop.execute(this::flushOutbox);
        }
    }

    @Override
    public Optional<TlsDetails> tls() {
        return layer.details();
    }

    @Override
    public void close() {
        loop.execute(() -> {
            if (state == State.CLOSED) {
                return;
            }
            flushOutbox();
            layer.close(this);
            closeNotified = true;
            beginClosing(true, ERROR_LINGER_NANOS);
            flushQuietly();
        });
    }

    // --- writing (loop thread)

    private void flushOutbox() {
        if (state == State.HANDSHAKING || state == State.CLOSED) {
            return;
        }
        byte[] m;
        try {
            while ((m = writes.poll()) != null) {
                lastMessage = System.nanoTime();
                layer.outbound(ByteBuffer.wrap(m), this);
                if (state == State.CLOSING) {
                    sentWhileClosing = true;
                }
            }
            flushWrites();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void flushWrites() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        if (key == null) {
            return;
        }
        if (writes.write(channel, key)) {
            lastActivity = System.nanoTime();
        }
        if (writes.hasWire()) {
            return;
        }
        if (state == State.CLOSING && writes.outboxEmpty() && (closeWhenFlushed || sentWhileClosing)) {
            if (!closeNotified) {
                closeNotified = true;
                layer.close(this);
                writes.write(channel, key);
            }
            abort("closed after flush");
        }
    }

    private void flushQuietly() {
        try {
            flushWrites();
        } catch (IOException e) {
            LOG.trace("flush before close", e);
        }
    }

    private void beginClosing(boolean whenFlushed, long lingerNanos) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSING;
        closeWhenFlushed |= whenFlushed;
        closeDeadline = System.nanoTime() + lingerNanos;
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    /** Closes at once; idempotent; loop thread. */
    void abort(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.trace("close", e);
        }
        loop.remove(this);
        writes.clear();
        ready.completeExceptionally(new IOException("connection to " + remote + " closed: " + reason));
        listener.closed(this);
        LOG.debug("{}: connection {} closed: {}", listener.name(), remote, reason);
    }

    // --- timers (loop thread)

    void checkTimers(long now) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CLOSING) {
            if (now - closeDeadline >= 0) {
                abort("linger over");
            }
            return;
        }
        Timeouts.Expiry e = listener.timeouts().check(now, new Timeouts.Clocks(created, lastActivity,
                state != State.HANDSHAKING, anyByte, inbound, input.messageStartedAt(), input.messageBytes()));
        if (e == null) {
            if (state == State.OPEN && listener.timeouts().noDialogDue(now, lastMessage)) {
                if (listener.carriesDialog(this)) {
                    lastMessage = now; // a dialog needs it: look again after another period
                } else {
                    listener.counters().noDialogClosed.increment();
                    LOG.debug("{}: closing connection {}: no SIP message and no dialog for {} s", listener.name(),
                            remote, listener.settings().maxIdleWithoutDialog().toSeconds());
                    layer.close(this);
                    flushQuietly();
                    abort("no dialog");
                }
            }
            return;
        }
        switch (e.kind()) {
            case HANDSHAKE -> {
                listener.counters().handshakeTimeouts.increment();
                listener.peerLog().warn(remote.getAddress(), "{}: {} from {}; closing", listener.name(), e.detail(),
                        remote);
                abort("handshake timeout");
            }
            case SLOW_SENDER -> {
                listener.counters().slowSenders.increment();
                listener.peerLog().warn(remote.getAddress(), "{}: slow sender {}: {}; closing", listener.name(),
                        remote, e.detail());
                abort("slow sender");
            }
            default -> {
                listener.counters().idleClosed.increment();
                LOG.debug("{}: closing connection {}: {}", listener.name(), remote, e.detail());
                layer.close(this);
                flushQuietly();
                abort("idle");
            }
        }
    }

    @Override
    public String toString() {
        return listener.transport() + " " + local + " <-> " + remote + " " + state;
    }
}
