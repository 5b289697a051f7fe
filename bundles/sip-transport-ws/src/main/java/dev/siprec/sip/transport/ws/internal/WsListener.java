package dev.siprec.sip.transport.ws.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.common.InboundGate;
import dev.siprec.sip.transport.common.ManagedListener;
import dev.siprec.sip.transport.common.PeerLog;

/**
 * A SIP-over-WebSocket listener (RFC 7118), {@code WS} or {@code WSS}, on its own small Jetty 12
 * server: one connector (TLS first for WSS), the {@link SipSubprotocolGate} that refuses upgrades
 * without the {@code sip} subprotocol, and Jetty's core WebSocket upgrade handler on every path.
 * Connection caps per source (IPv6 per /64) are applied as connections are accepted.
 */
final class WsListener implements ManagedListener {
    private static final Logger LOG = LoggerFactory.getLogger(WsListener.class);
    static final String SUBPROTOCOL = "sip";

    private final String transport;
    private final WsSettings settings;
    private final WssTls tls;
    private final PeerLog peerLog;
    private final Map<InetSocketAddress, WsConnection> connections = new ConcurrentHashMap<>();
    final LongAdder received = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder refusedTotal = new LongAdder();
    final LongAdder refusedPerIp = new LongAdder();
    final LongAdder refusedSubprotocol = new LongAdder();
    final LongAdder tooLarge = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder writeOverflows = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder noDialogClosed = new LongAdder();
    final LongAdder handshakeTimeouts = new LongAdder();
    private ScheduledExecutorService sweeper;
    /** The attached SIP core, and what arrives while none is (start-up, a core being updated). */
    private final InboundGate inbound = InboundGate.withDefaults();
    private volatile ListenerStatus.State state = ListenerStatus.State.CLOSED;
    private volatile String reason = "not started";
    private volatile Instant since = Instant.now();
    private volatile InetSocketAddress bound;
    private Server server;
    private CappedConnector connector;

    /**
     * @param transport {@code WS} or {@code WSS}
     * @param tls the TLS setup for WSS; {@code null} for WS (or a WSS listener that is only registered as FAILED)
     */
    WsListener(String transport, WsSettings settings, WssTls tls) {
        this.transport = transport;
        this.settings = settings;
        this.tls = tls;
        this.bound = settings.endpoint();
        this.peerLog = new PeerLog(LoggerFactory.getLogger(WsListener.class.getName() + "." + transport),
                TimeUnit.MINUTES.toNanos(10), System::nanoTime);
    }

    @Override
    public synchronized boolean start() {
        try {
            QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), 2);
            pool.setName("sip-" + transport.toLowerCase(Locale.ROOT) + "-" + settings.name());
            pool.setReservedThreads(0);
            pool.setDaemon(true);
            server = new Server(pool);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendDateHeader(false);
            http.setRequestHeaderSize(8192);
            HttpConnectionFactory h1 = new HttpConnectionFactory(http);
            if (tls != null) {
                // no SNI host check: SIP clients connect by address as often as by name
                http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
                connector = new CappedConnector(server, this, new SslConnectionFactory(tls.contextFactory(), "http/1.1"), h1);
            } else {
                connector = new CappedConnector(server, this, h1);
            }
            connector.setHost(Addresses.text(settings.bindAddress()));
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.handshakeTimeout().toMillis());
            connector.setAcceptQueueSize(256);
            server.addConnector(connector);
            WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler();
            upgrade.addMapping("/*", new SipNegotiator(this));
            server.setHandler(new SipSubprotocolGate(this, upgrade));
            server.setStopTimeout(1000);
            long period = Math.max(100, Math.min(5000, settings.maxIdleWithoutDialog().toMillis() / 4));
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sip-" + transport.toLowerCase(Locale.ROOT) + "-" + settings.name() + "-sweeper");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
            server.start();
            bound = new InetSocketAddress(settings.bindAddress(), connector.getLocalPort());
            setState(ListenerStatus.State.LISTENING, null);
            LOG.info("{} listener {} listening on {} (subprotocol {})", transport, settings.name(), endpoint(), SUBPROTOCOL);
            return true;
        } catch (Exception e) {
            String why = "cannot open " + endpointOf(settings.endpoint()) + ": " + e.getMessage();
            LOG.error("{} listener {} FAILED: {}", transport, settings.name(), why);
            stopQuietly();
            setState(ListenerStatus.State.FAILED, why);
            return false;
        }
    }

    @Override
    public void fail(String why) {
        LOG.error("{} listener {} FAILED: {}", transport, settings.name(), why);
        setState(ListenerStatus.State.FAILED, why);
    }

    @Override
    public synchronized void close() {
        inbound.clear();
        boolean wasListening = state == ListenerStatus.State.LISTENING;
        stopQuietly();
        if (tls != null) {
            tls.close();
        }
        if (state != ListenerStatus.State.FAILED) {
            setState(ListenerStatus.State.CLOSED, "closed");
        }
        if (wasListening) {
            LOG.info("{} listener {} on {} closed", transport, settings.name(), endpoint());
        }
    }

    /**
     * Closes the WebSockets that have carried no SIP message for {@code max.idle.without.dialog.seconds}
     * and that no dialog uses: pings alone do not hold a slot.
     */
    private void sweep() {
        long now = System.nanoTime();
        long limit = settings.maxIdleWithoutDialog().toNanos();
        for (WsConnection c : List.copyOf(connections.values())) {
            if (now - c.lastMessage() <= limit) {
                continue;
            }
            if (carriesDialog(c)) {
                c.touch(now);
            } else {
                noDialogClosed.increment();
                LOG.debug("{}: closing WebSocket {}: no SIP message and no dialog for {} s", settings.name(), c.remote(),
                        settings.maxIdleWithoutDialog().toSeconds());
                c.close();
            }
        }
    }

    private boolean carriesDialog(WsConnection c) {
        SipInbound in = inbound.inbound();
        if (in == null) {
            return false;
        }
        try {
            return in.carriesDialog(c);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{}: the SIP core failed to say whether {} carries a dialog; keeping it", settings.name(), c.remote(), e);
            return true;
        }
    }

    private void stopQuietly() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        for (WsConnection c : List.copyOf(connections.values())) {
            c.abort();
        }
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.debug("{} listener {}: stop: {}", transport, settings.name(), e.toString());
            }
            server = null;
        }
        connections.clear();
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

    // --- from connections and the connector

    WsSettings settings() {
        return settings;
    }

    PeerLog peerLog() {
        return peerLog;
    }

    /**
     * The absolute handshake limit: a connection that is not a WebSocket {@code handshake.timeout.seconds}
     * after it was accepted (a slow TLS handshake or HTTP upgrade, byte by byte) is closed. Jetty's own
     * idle timeout alone would restart with every byte.
     */
    void handshakeDeadline(org.eclipse.jetty.io.EndPoint endPoint) {
        ScheduledExecutorService s = sweeper;
        if (s == null) {
            return;
        }
        try {
            s.schedule(() -> {
                if (endPoint.isOpen() && !(endPoint.getRemoteSocketAddress() instanceof InetSocketAddress r
                        && connections.containsKey(r))) {
                    handshakeTimeouts.increment();
                    if (endPoint.getRemoteSocketAddress() instanceof InetSocketAddress r) {
                        peerLog.warn(r.getAddress(), "{}: no WebSocket from {} within {} ms of connecting; closing",
                                settings.name(), r, settings.handshakeTimeout().toMillis());
                    }
                    endPoint.close();
                }
            }, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // listener closing
        }
    }

    void opened(WsConnection c) {
        WsConnection previous = connections.put(c.remote(), c);
        if (previous != null && previous != c) {
            previous.close();
        }
        LOG.debug("{} listener {}: WebSocket from {} open", transport, settings.name(), c.remote());
    }

    void closed(WsConnection c) {
        if (c.remote() != null) {
            connections.remove(c.remote(), c);
        }
    }

    void dispatch(WsConnection c, byte[] message) {
        received.increment();
        try {
            if (inbound.received(c, message) == InboundGate.Outcome.DROPPED) {
                dropped.increment();
                LOG.debug("{} listener {}: no SIP core attached and the hold is full, dropped a message from {}",
                        transport, settings.name(), c.remote());
            }
        } catch (RuntimeException e) {
            LOG.warn("{} listener {}: the SIP core failed on a message from {}", transport, settings.name(),
                    c.remote(), e);
        }
    }

    void tooLarge(WsConnection c) {
        tooLarge.increment();
        peerLog.warn(c.remote().getAddress(), "{}: message from {} over max.message.bytes {}; closing (1009)",
                settings.name(), c.remote(), settings.maxMessageBytes());
    }

    void error(WsConnection c, Throwable t) {
        errors.increment();
        InetSocketAddress r = c.remote();
        if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.io.EOFException) {
            LOG.debug("{}: WebSocket from {} ended without a close: {}", settings.name(), r, t.toString());
        } else if (r != null) {
            peerLog.warn(r.getAddress(), "{}: WebSocket error on connection from {}: {}", settings.name(), r,
                    t.toString());
        }
    }

    void writeOverflow(WsConnection c) {
        writeOverflows.increment();
        LOG.warn("{}: {} does not read: write backlog over {} bytes; closing", settings.name(), c.remote(),
                WsSettings.MAX_WRITE_BACKLOG);
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
        return "WSS".equals(transport);
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
        WsConnection c = connections.get(remote);
        return c != null && c.isOpen() ? Optional.of(c) : Optional.empty();
    }

    /**
     * A WebSocket server cannot open a flow to a client (RFC 7118 §5: the client opens the
     * connection, and its Contact usually names an {@code .invalid} host): requests the server sends
     * go over the client's open WebSocket, or fail.
     */
    @Override
    public SipConnection connect(InetSocketAddress remote, String serverName) throws java.io.IOException {
        Optional<SipConnection> open = connection(remote);
        if (open.isPresent()) {
            return open.get();
        }
        throw new java.io.IOException(transport + " listener " + settings.name() + " has no open WebSocket to "
                + remote + " and cannot open one (RFC 7118: the client connects)");
    }

    @Override
    public ListenerStatus status() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bind", endpoint());
        d.put("subprotocol", SUBPROTOCOL);
        d.put("max.message.bytes", Integer.toString(settings.maxMessageBytes()));
        d.put("idle.timeout", settings.idleTimeout().toString());
        if (tls != null) {
            d.putAll(tls.details());
        }
        d.put("accepted", Long.toString(accepted.sum()));
        d.put("refused.max.connections", Long.toString(refusedTotal.sum()));
        d.put("refused.max.connections.per.ip", Long.toString(refusedPerIp.sum()));
        d.put("refused.subprotocol", Long.toString(refusedSubprotocol.sum()));
        d.put("errors.message.too.large", Long.toString(tooLarge.sum()));
        d.put("errors.websocket", Long.toString(errors.sum()));
        d.put("errors.write.backlog", Long.toString(writeOverflows.sum()));
        d.put("dropped.no.inbound", Long.toString(dropped.sum()));
        d.put("held.no.inbound", Integer.toString(inbound.held()));
        d.put("closed.no.dialog", Long.toString(noDialogClosed.sum()));
        d.put("errors.handshake.timeout", Long.toString(handshakeTimeouts.sum()));
        CappedConnector c = connector;
        long errs = errors.sum() + tooLarge.sum() + writeOverflows.sum() + refusedSubprotocol.sum() + handshakeTimeouts.sum();
        return new ListenerStatus(state, reason, since, c == null ? 0 : c.caps().total(), received.sum(), errs, d);
    }

    @Override
    public String toString() {
        return transport + " listener " + settings.name() + " " + endpoint() + " " + state;
    }
}
