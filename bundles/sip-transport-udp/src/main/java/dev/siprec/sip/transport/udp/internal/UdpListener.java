package dev.siprec.sip.transport.udp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.transport.common.ManagedListener;

/**
 * One SIP-over-UDP listener (RFC 3261 §18): a bound {@link DatagramChannel} and one receive thread
 * that hands each datagram, as one message, to the attached {@link SipInbound}. A datagram larger
 * than {@code max.message.bytes} is reported to the core as a framing error (the core answers
 * {@code 513}, RFC 3261 §18.1.1) and counted.
 *
 * <p>A bind failure does not throw: the listener stays in {@link ListenerStatus.State#FAILED} with
 * the reason, so that the failure is visible to operators ({@code siprec:transports}).
 */
final class UdpListener implements ManagedListener {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

    private volatile UdpSettings settings;
    private final Clock clock;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final PeerTracker peers;
    private volatile SipInbound inbound;
    private volatile DatagramChannel channel;
    private volatile InetSocketAddress local;
    private volatile ListenerStatus.State state = ListenerStatus.State.CLOSED;
    private volatile String reason = "not started";
    private volatile Instant since;
    private Thread receiver;

    UdpListener(UdpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.local = settings.bind();
        this.since = clock.instant();
        this.peers = new PeerTracker(clock, 60_000, 10_000);
    }

    /**
     * Binds the socket and starts the receive thread.
     *
     * @return {@code true} when listening, {@code false} when the bind failed (see {@link #status()})
     */
    synchronized boolean open() {
        try {
            DatagramChannel ch = DatagramChannel.open(
                    settings.bind().getAddress() instanceof java.net.Inet6Address
                            ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
            try {
                if (settings.receiveBufferBytes() > 0) {
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
                }
                ch.bind(settings.bind());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            channel = ch;
            local = (InetSocketAddress) ch.getLocalAddress();
            setState(ListenerStatus.State.LISTENING, null);
            receiver = new Thread(this::receiveLoop, "sip-udp-" + settings.name() + "-" + local.getPort());
            receiver.setDaemon(true);
            receiver.start();
            LOG.info("SIP UDP listener '{}' listening on {}", settings.name(), local);
            return true;
        } catch (IOException | RuntimeException e) {
            String why = "cannot bind UDP " + settings.bind() + ": " + e.getMessage();
            setState(ListenerStatus.State.FAILED, why);
            LOG.error("SIP UDP listener '{}' FAILED: {}", settings.name(), why);
            return false;
        }
    }

    /**
     * Applies settings that keep the bound address (name, {@code max.message.bytes},
     * {@code receive.buffer.bytes}) without closing the socket.
     *
     * @throws IllegalArgumentException when {@code next} binds elsewhere
     */
    void reconfigure(UdpSettings next) {
        if (!bindsHere(next)) {
            throw new IllegalArgumentException("a new bind address needs a new listener");
        }
        settings = next;
        DatagramChannel ch = channel;
        if (ch != null && next.receiveBufferBytes() > 0) {
            try {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, next.receiveBufferBytes());
            } catch (IOException e) {
                LOG.warn("SIP UDP listener '{}': receive.buffer.bytes not applied: {}", next.name(), e.getMessage());
            }
        }
    }

    /** @return whether {@code next} names this listener's socket (the configured or the bound address). */
    boolean bindsHere(UdpSettings next) {
        return next.bind().equals(settings.bind()) || next.bind().equals(local);
    }

    @Override
    public boolean start() {
        return open();
    }

    @Override
    public void fail(String why) {
        setState(ListenerStatus.State.FAILED, why);
        LOG.error("SIP UDP listener '{}' FAILED: {}", settings.name(), why);
    }

    /** Closes the socket; the receive thread ends. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            DatagramChannel ch = channel;
            channel = null;
            t = receiver;
            receiver = null;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    LOG.debug("closing UDP channel: {}", e.toString());
                }
                LOG.info("SIP UDP listener '{}' on {} closed", settings.name(), local);
            }
            if (state != ListenerStatus.State.FAILED) {
                setState(ListenerStatus.State.CLOSED, "closed");
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isOpen() {
        DatagramChannel ch = channel;
        return ch != null && ch.isOpen();
    }

    private void setState(ListenerStatus.State s, String why) {
        state = s;
        reason = why;
        since = clock.instant();
    }

    private void receiveLoop() {
        try {
            receiveUntilClosed();
        } catch (RuntimeException | Error e) {
            // Never silent: the listener shows FAILED with the cause in siprec:transports.
            setState(ListenerStatus.State.FAILED, "receive thread stopped: " + e);
            LOG.error("SIP UDP listener '{}' on {} stopped receiving", settings.name(), local, e);
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
        }
    }

    private void receiveUntilClosed() {
        DatagramChannel ch = channel;
        // One byte more than the limit tells an oversized datagram from one of exactly the limit.
        ByteBuffer buffer = ByteBuffer.allocateDirect(settings.maxMessageBytes() + 1);
        while (ch != null && ch.isOpen()) {
            SocketAddress from;
            int max = settings.maxMessageBytes();
            if (buffer.capacity() != max + 1) {
                buffer = ByteBuffer.allocateDirect(max + 1); // max.message.bytes changed live
            }
            buffer.clear();
            try {
                from = ch.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // ICMP port unreachable etc. surface here on some platforms; keep serving.
                errors.incrementAndGet();
                LOG.debug("UDP receive on {}: {}", local, e.toString());
                continue;
            }
            if (from instanceof InetSocketAddress remote) {
                buffer.flip();
                deliver(remote, buffer);
            }
        }
    }

    private void deliver(InetSocketAddress remote, ByteBuffer buffer) {
        int length = buffer.remaining();
        peers.seen(remote);
        SipInbound in = inbound;
        if (length == 0 || isKeepAlive(buffer)) {
            return; // RFC 5626 §4.4.2 STUN is not used here; bare CRLF keep-alives are ignored
        }
        if (in == null) {
            LOG.debug("no SIP core attached, dropped {} bytes from {}", length, remote);
            return;
        }
        UdpConnection flow = new UdpConnection(this, remote);
        try {
            int max = buffer.capacity() - 1;
            if (length > max) {
                errors.incrementAndGet();
                byte[] partial = new byte[max];
                buffer.get(partial);
                in.framingError(flow, partial, 513, "Message Too Large");
                return;
            }
            byte[] message = new byte[length];
            buffer.get(message);
            received.incrementAndGet();
            in.received(flow, message);
        } catch (RuntimeException | LinkageError e) {
            // A failing core (or one being updated: LinkageError) must not stop the listener.
            errors.incrementAndGet();
            LOG.warn("SIP core failed on a datagram from {}: {}", remote, e.toString());
        }
    }

    private static boolean isKeepAlive(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            byte c = b.get(i);
            if (c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    void send(InetSocketAddress remote, byte[] message) throws IOException {
        DatagramChannel ch = channel;
        if (ch == null || !ch.isOpen()) {
            throw new IOException("UDP listener '" + settings.name() + "' is " + state);
        }
        if (message.length > UdpSettings.MAX_DATAGRAM) {
            throw new IOException("message of " + message.length + " bytes exceeds a UDP datagram (RFC 3261 §18.1.1)");
        }
        int n = ch.send(ByteBuffer.wrap(message), remote);
        if (n != message.length) {
            errors.incrementAndGet();
            throw new IOException("UDP send buffer full, datagram to " + remote + " dropped");
        }
    }

    @Override
    public String transport() {
        return "UDP";
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean reliable() {
        return false;
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public void attach(SipInbound in) {
        this.inbound = in;
    }

    @Override
    public synchronized void detach(SipInbound in) {
        if (this.inbound == in) {
            this.inbound = null;
        }
    }

    @Override
    public Optional<SipConnection> connection(InetSocketAddress remote) {
        return isOpen() ? Optional.of(new UdpConnection(this, remote)) : Optional.empty();
    }

    @Override
    public SipConnection connect(InetSocketAddress remote, String serverName) throws IOException {
        if (!isOpen()) {
            throw new IOException("UDP listener '" + settings.name() + "' is " + state);
        }
        return new UdpConnection(this, remote);
    }

    @Override
    public ListenerStatus status() {
        Map<String, String> details = new HashMap<>();
        details.put("max.message.bytes", Integer.toString(settings.maxMessageBytes()));
        DatagramChannel ch = channel;
        if (ch != null) {
            try {
                details.put("receive.buffer.bytes", String.valueOf(ch.getOption(StandardSocketOptions.SO_RCVBUF)));
            } catch (IOException | RuntimeException e) {
                LOG.trace("SO_RCVBUF: {}", e.toString());
            }
        }
        return new ListenerStatus(state, reason, since, peers.count(), received.get(), errors.get(), details);
    }

    @Override
    public String toString() {
        return "UDP listener '" + settings.name() + "' " + local + " " + state;
    }
}
