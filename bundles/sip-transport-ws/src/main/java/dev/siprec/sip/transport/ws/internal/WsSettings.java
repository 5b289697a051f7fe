package dev.siprec.sip.transport.ws.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Validated settings of one WS or WSS listener.
 *
 * @param name listener name ({@code sip.listener})
 * @param bindAddress local address to bind
 * @param port local port, 0 for an ephemeral port
 * @param idleTimeout an open WebSocket without frames (pings included) for this long is closed
 * @param handshakeTimeout time allowed for the TLS handshake (WSS) and the HTTP upgrade request
 * @param maxConnections total connection cap
 * @param maxConnectionsPerIp connection cap per source (IPv4 address or IPv6 /64)
 * @param maxMessageBytes largest SIP message, and so the largest WebSocket frame and message
 * @param threads Jetty worker threads of this listener (selector and acceptor included)
 * @param maxIdleWithoutDialog a WebSocket that has carried no SIP message for this long (pings do not
 *        count) and whose flow no dialog uses is closed
 */
record WsSettings(String name, InetAddress bindAddress, int port, Duration idleTimeout, Duration handshakeTimeout,
                  int maxConnections, int maxConnectionsPerIp, int maxMessageBytes, int threads,
                  Duration maxIdleWithoutDialog) {

    /** Largest amount of outgoing bytes queued on one connection before the peer counts as not reading. */
    static final long MAX_WRITE_BACKLOG = 1 << 20;

    WsSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("idle.timeout.seconds and handshake.timeout.seconds must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max.connections must be at least 1, got " + maxConnections);
        }
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("max.connections.per.ip must be at least 1, got " + maxConnectionsPerIp);
        }
        if (maxMessageBytes < 512 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("max.message.bytes must be 512..16777216, got " + maxMessageBytes);
        }
        if (maxIdleWithoutDialog.isNegative() || maxIdleWithoutDialog.isZero()) {
            throw new IllegalArgumentException("max.idle.without.dialog.seconds must be positive");
        }
        if (threads < 4 || threads > 256) {
            throw new IllegalArgumentException("threads must be 4..256, got " + threads);
        }
    }

    InetSocketAddress endpoint() {
        return new InetSocketAddress(bindAddress, port);
    }
}
