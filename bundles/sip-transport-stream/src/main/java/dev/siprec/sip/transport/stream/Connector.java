package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections from a listener (RFC 3261 §18.1.1: requests the server sends when the client's
 * connection is gone), or reuses an open one; waits for the layer to be ready (TLS handshake with
 * certificate and host-name validation) so that a failure surfaces as an {@link IOException}.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final StreamListener listener;
    /** Serializes opening so that two callers for one remote share one connection. */
    private final Object opening = new Object();

    Connector(StreamListener listener) {
        this.listener = listener;
    }

    StreamConnection connect(InetSocketAddress remote, String serverName) throws IOException {
        if (remote.isUnresolved()) {
            throw new IOException("unresolved address " + remote);
        }
        StreamConnection c;
        synchronized (opening) {
            c = listener.existing(remote);
            if (c == null) {
                c = open(remote, serverName);
            }
        }
        return awaitReady(c);
    }

    private StreamConnection open(InetSocketAddress remote, String serverName) throws IOException {
        StreamSettings settings = listener.settings();
        if (listener.caps().tryAcquire(null) != ConnectionCaps.Verdict.ACCEPTED) {
            listener.counters().refusedTotal.increment();
            throw new IOException("max.connections " + settings.maxConnections() + " reached");
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            InetAddress bind = settings.bindAddress();
            if (!bind.isAnyLocalAddress() && bind.getClass() == remote.getAddress().getClass()) {
                ch.bind(new InetSocketAddress(bind, 0));
            }
            ch.socket().connect(remote, (int) settings.handshakeTimeout().toMillis());
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            StreamLayer layer = listener.layers().client(remote, serverName);
            StreamConnection c = listener.register(ch, layer, remote, null, false);
            LOG.debug("{} listener {}: opened connection to {}", listener.transport(), listener.name(), remote);
            return c;
        } catch (IOException | RuntimeException e) {
            listener.caps().release(null);
            if (ch != null) {
                StreamListener.closeQuietly(ch);
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private StreamConnection awaitReady(StreamConnection c) throws IOException {
        long timeout = listener.settings().handshakeTimeout().toMillis();
        try {
            c.ready().get(timeout + 100, TimeUnit.MILLISECONDS);
            return c;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (TimeoutException e) {
            c.close();
            throw new IOException("connection to " + c.remote() + " not ready within " + timeout + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
