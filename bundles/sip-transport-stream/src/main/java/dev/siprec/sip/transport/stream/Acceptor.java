package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on the listener socket (first I/O loop): applies the total and per-IP caps by
 * closing at once (counted, logged once per peer), then hands the connection to an I/O loop.
 */
final class Acceptor implements IoLoop.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

    private final StreamListener listener;
    private final ServerSocketChannel server;

    Acceptor(StreamListener listener, ServerSocketChannel server) {
        this.listener = listener;
        this.server = server;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            accept(ch);
        }
    }

    private void accept(SocketChannel ch) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) ch.getRemoteAddress();
        } catch (IOException e) {
            StreamListener.closeQuietly(ch);
            return;
        }
        InetAddress ip = remote.getAddress();
        StreamSettings settings = listener.settings();
        ListenerCounters counters = listener.counters();
        ConnectionCaps.Verdict verdict = listener.caps().tryAcquire(ip);
        if (verdict != ConnectionCaps.Verdict.ACCEPTED) {
            boolean total = verdict == ConnectionCaps.Verdict.OVER_TOTAL;
            (total ? counters.refusedTotal : counters.refusedPerIp).increment();
            listener.peerLog().warn(ip, "{} listener {} refused {}: {}", listener.transport(), listener.name(), remote,
                    total ? "max.connections " + settings.maxConnections()
                            : "max.connections.per.ip " + settings.maxConnectionsPerIp());
            StreamListener.closeQuietly(ch);
            return;
        }
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            listener.register(ch, listener.layers().server(remote), remote, ip, true);
            counters.accepted.increment();
        } catch (IOException | RuntimeException e) {
            listener.caps().release(ip);
            counters.ioErrors.increment();
            LOG.warn("{} listener {}: cannot set up connection from {}: {}", listener.transport(), listener.name(),
                    remote, e.toString());
            StreamListener.closeQuietly(ch);
        }
    }

    @Override
    public void failed(Throwable t) {
        listener.counters().ioErrors.increment();
        LOG.warn("{} listener {}: accept failed: {}", listener.transport(), listener.name(), t.toString());
    }
}
