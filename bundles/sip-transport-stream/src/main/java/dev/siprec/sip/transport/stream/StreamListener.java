package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.codec.SipLimits;
import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.common.InboundGate;
import dev.siprec.sip.transport.common.ManagedListener;
import dev.siprec.sip.transport.common.PeerLog;

/**
 * A TCP or TLS listener (RFC 3261 §18) on a small fixed set of selector threads. Frames by
 * {@code Content-Length}, answers CRLF keep-alives, enforces connection caps, idle, handshake and
 * slow-sender timeouts. The byte layer (plain or TLS) comes from a {@link LayerFactory}.
 */
public final class StreamListener implements ManagedListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);
    private static final long PEER_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final String transport;
    private final boolean secure;
    private final StreamSettings settings;
    private final LayerFactory layers;
    private final SipLimits limits;
    private final ListenerCounters counters = new ListenerCounters();
    private final PeerLog peerLog;
    private final ConnectionCaps caps;
    private final Timeouts timeouts;
    private final Connector connector = new Connector(this);
    private final Map<InetSocketAddress, StreamConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    /** The attached SIP core, and what arrives while none is (start-up, a core being updated). */
    private final InboundGate inbound = InboundGate.withDefaults();
    private volatile ListenerStatus.State state = ListenerStatus.State.CLOSED;
    private volatile String reason = "not started";
    private volatile Instant since = Instant.now();
    private volatile InetSocketAddress bound;
    private IoLoop[] loops = new IoLoop[0];
    private volatile ThreadPoolExecutor handshakePool;
    private ServerSocketChannel server;

    /**
     * @param transport {@code TCP} or {@code TLS}
     * @param secure whether the layer encrypts
     */
    public StreamListener(String transport, boolean secure, StreamSettings settings, LayerFactory layers) {
        this.transport = transport;
        this.secure = secure;
        this.settings = settings;
        this.layers = layers;
        SipLimits d = SipLimits.defaults();
        this.limits = new SipLimits(settings.maxMessageBytes(), Math.min(d.maxHeaderBytes(), settings.maxMessageBytes()),
                d.maxHeaders(), d.maxLineLength(), d.maxBodyParts());
        this.caps = new ConnectionCaps(settings.maxConnections(), settings.maxConnectionsPerIp());
        this.timeouts = new Timeouts(settings);
        this.peerLog = new PeerLog(LoggerFactory.getLogger(StreamListener.class.getName() + "." + transport),
                PEER_LOG_INTERVAL_NANOS, System::nanoTime);
        this.bound = new InetSocketAddress(settings.bindAddress(), settings.port());
    }

    /**
     * Binds and starts the I/O threads. A failure to bind does not throw: the listener goes to
     * {@link ListenerStatus.State#FAILED} with the reason, logged at ERROR.
     *
     * @return whether the listener is listening
     */
    @Override
    public synchronized boolean start() {
        InetSocketAddress want = new InetSocketAddress(settings.bindAddress(), settings.port());
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(want, 256);
            server.configureBlocking(false);
            bound = (InetSocketAddress) server.getLocalAddress();
            loops = new IoLoop[settings.ioThreads()];
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new IoLoop("sip-" + transport.toLowerCase(java.util.Locale.ROOT) + "-" + settings.name() + "-io-" + i);
            }
            handshakePool = newHandshakePool();
            loops[0].register(server, SelectionKey.OP_ACCEPT, new Acceptor(this, server));
            for (IoLoop loop : loops) {
                loop.start();
            }
            setState(ListenerStatus.State.LISTENING, null);
            LOG.info("{} listener {} listening on {}", transport, settings.name(), endpoint());
            return true;
        } catch (IOException | RuntimeException e) {
            String why = (e instanceof BindException ? "cannot bind " : "cannot open ") + endpointOf(want) + ": "
                    + e.getMessage();
            LOG.error("{} listener {} FAILED: {}", transport, settings.name(), why);
            stopQuietly();
            setState(ListenerStatus.State.FAILED, why);
            return false;
        }
    }

    /** Marks the listener failed without starting it (e.g. unusable TLS credentials). */
    @Override
    public void fail(String why) {
        LOG.error("{} listener {} FAILED: {}", transport, settings.name(), why);
        setState(ListenerStatus.State.FAILED, why);
    }

    private void setState(ListenerStatus.State s, String why) {
        state = s;
        reason = why;
        since = Instant.now();
    }

    private String endpoint() {
        return endpointOf(bound);
    }

    private static String endpointOf(InetSocketAddress a) {
        String host = Addresses.text(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    StreamConnection register(SocketChannel ch, StreamLayer layer, InetSocketAddress remote, InetAddress capIp,
                              boolean inbound) throws IOException {
        IoLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
        StreamConnection c = new StreamConnection(this, loop, ch, layer, remote, local, capIp, inbound,
                System.nanoTime());
        StreamConnection previous = connections.put(remote, c);
        if (previous != null) {
            previous.close();
        }
        loop.execute(c::start);
        return c;
    }

    // --- callbacks from connections

    void dispatch(StreamConnection c, byte[] message) {
        try {
            if (inbound.received(c, message) == InboundGate.Outcome.DROPPED) {
                counters.dropped.increment();
                LOG.debug("{} listener {}: no SIP core attached and the hold is full, dropped a message from {}",
                        transport, settings.name(), c.remote());
            }
        } catch (RuntimeException e) {
            LOG.warn("{} listener {}: the SIP core failed on a message from {}", transport, settings.name(),
                    c.remote(), e);
        }
    }

    void framingError(StreamConnection c, byte[] partial, int status, String why) {
        SipInbound in = inbound.inbound();
        if (in == null) {
            return;
        }
        try {
            in.framingError(c, partial, status, why);
        } catch (RuntimeException e) {
            LOG.warn("{} listener {}: the SIP core failed on a framing error from {}", transport, settings.name(),
                    c.remote(), e);
        }
    }

    /** @return whether a dialog of the attached core uses {@code c}; none attached: no */
    boolean carriesDialog(StreamConnection c) {
        SipInbound in = inbound.inbound();
        if (in == null) {
            return false;
        }
        try {
            return in.carriesDialog(c);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{} listener {}: the SIP core failed to say whether {} carries a dialog; keeping it", transport,
                    settings.name(), c.remote(), e);
            return true;
        }
    }

    void closed(StreamConnection c) {
        connections.remove(c.remote(), c);
        caps.release(c.capIp());
    }

    StreamSettings settings() {
        return settings;
    }

    ConnectionCaps caps() {
        return caps;
    }

    LayerFactory layers() {
        return layers;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    SipLimits limits() {
        return limits;
    }

    /** @return the counters, for the layer factories */
    public ListenerCounters counters() {
        return counters;
    }

    PeerLog peerLog() {
        return peerLog;
    }

    // --- SipTransport

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public InetSocketAddress localAddress() {
        return bound;
    }

    @Override
    public boolean reliable() {
        return true;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public void attach(SipInbound in) {
        for (RuntimeException e : inbound.attach(in)) {
            LOG.warn("{} listener {}: the SIP core failed on a message held until it attached", transport,
                    settings.name(), e);
        }
    }

    @Override
    public void detach(SipInbound in) {
        inbound.detach(in);
    }

    @Override
    public Optional<SipConnection> connection(InetSocketAddress remote) {
        return Optional.ofNullable(existing(remote));
    }

    @Override
    public SipConnection connect(InetSocketAddress remote, String serverName) throws IOException {
        if (state != ListenerStatus.State.LISTENING) {
            throw new IOException(transport + " listener " + settings.name() + " is " + state
                    + (reason == null ? "" : ": " + reason));
        }
        return connector.connect(remote, serverName);
    }

    /** @return the open connection to {@code remote}, if any */
    StreamConnection existing(InetSocketAddress remote) {
        StreamConnection c = connections.get(remote);
        return c != null && c.isOpen() ? c : null;
    }

    @Override
    public ListenerStatus status() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("bind", endpoint());
        details.put("io.threads", Integer.toString(settings.ioThreads()));
        if (secure) {
            details.put("handshake.threads", Integer.toString(settings.handshakeThreads()));
        }
        details.put("max.idle.without.dialog", settings.maxIdleWithoutDialog().toString());
        details.putAll(layers.details());
        details.putAll(counters.asDetails());
        details.put("held.no.inbound", Integer.toString(inbound.held()));
        return new ListenerStatus(state, reason, since, caps.total(), counters.received(), counters.errors(), details);
    }

    /** Closes the listener socket and every connection. */
    @Override
    public synchronized void close() {
        inbound.clear();
        boolean wasListening = state == ListenerStatus.State.LISTENING;
        stopQuietly();
        layers.close();
        if (state != ListenerStatus.State.FAILED) {
            setState(ListenerStatus.State.CLOSED, "closed");
        }
        if (wasListening) {
            LOG.info("{} listener {} on {} closed", transport, settings.name(), endpoint());
        }
    }

    /** Bounded: {@code handshake.threads} threads, a queue of 64 per thread; beyond it a handshake is refused. */
    private ThreadPoolExecutor newHandshakePool() {
        int n = settings.handshakeThreads();
        AtomicInteger ids = new AtomicInteger();
        String prefix = "sip-" + transport.toLowerCase(java.util.Locale.ROOT) + "-" + settings.name() + "-handshake-";
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64 * n), r -> {
            Thread t = new Thread(r, prefix + ids.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** @return the pool that runs TLS handshake work off the I/O threads */
    Executor handshakePool() {
        ThreadPoolExecutor p = handshakePool;
        if (p == null) {
            throw new RejectedExecutionException("listener not started");
        }
        return p;
    }

    private void stopQuietly() {
        ThreadPoolExecutor p = handshakePool;
        if (p != null) {
            p.shutdownNow();
        }
        if (server != null) {
            closeQuietly(server);
        }
        for (IoLoop loop : loops) {
            if (loop != null) {
                loop.shutdown(2000);
            }
        }
        loops = new IoLoop[0];
        connections.clear();
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.trace("close", e);
        }
    }
}
