package dev.siprec.sip.transport.stream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Validated settings of one stream listener (TCP or TLS), shared by both transport bundles.
 *
 * @param name listener name ({@code sip.listener})
 * @param bindAddress local address to bind; a wildcard for all interfaces
 * @param port local port, 0 for an ephemeral port
 * @param idleTimeout a connection without traffic (keep-alives included) for this long is closed
 * @param handshakeTimeout TLS: time allowed for the handshake; TCP: time allowed until the first byte
 * @param maxConnections total connection cap (inbound and outbound)
 * @param maxConnectionsPerIp inbound connection cap per remote IP address
 * @param maxMessageBytes largest message framed (RFC 3261 §18.3 Content-Length framing)
 * @param messageTimeout once a message has started it must be complete within this time (slow sender)
 * @param minBytesPerSecond while a message is in progress, the lowest average rate accepted (slow sender)
 * @param ioThreads selector threads of the listener
 * @param maxIdleWithoutDialog a connection that has carried no SIP message for this long (keep-alives do
 *        not count) and whose flow no dialog uses is closed, however many keep-alives it sends
 * @param handshakeThreads threads that run TLS handshake computations off the I/O threads
 */
public record StreamSettings(String name, InetAddress bindAddress, int port, Duration idleTimeout,
                             Duration handshakeTimeout, int maxConnections, int maxConnectionsPerIp,
                             int maxMessageBytes, Duration messageTimeout, int minBytesPerSecond, int ioThreads,
                             Duration maxIdleWithoutDialog, int handshakeThreads) {

    /** Default of {@code max.idle.without.dialog.seconds}. */
    public static final Duration DEFAULT_MAX_IDLE_WITHOUT_DIALOG = Duration.ofSeconds(120);
    /** Default of {@code handshake.threads}. */
    public static final int DEFAULT_HANDSHAKE_THREADS = 2;

    /** Largest write backlog per connection before the peer is treated as not reading. */
    public static final int MAX_WRITE_BACKLOG = 1 << 20;

    public StreamSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        positive("idle.timeout.seconds", idleTimeout);
        positive("handshake.timeout.seconds", handshakeTimeout);
        positive("slow.sender.message.timeout.seconds", messageTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max.connections must be at least 1, got " + maxConnections);
        }
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("max.connections.per.ip must be at least 1, got " + maxConnectionsPerIp);
        }
        if (maxMessageBytes < 512 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("max.message.bytes must be 512..16777216, got " + maxMessageBytes);
        }
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("slow.sender.min.bytes.per.second must not be negative, got "
                    + minBytesPerSecond);
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("io.threads must be 1..64, got " + ioThreads);
        }
        positive("max.idle.without.dialog.seconds", maxIdleWithoutDialog);
        if (handshakeThreads < 1 || handshakeThreads > 64) {
            throw new IllegalArgumentException("handshake.threads must be 1..64, got " + handshakeThreads);
        }
    }

    /** Settings with the defaults of {@code max.idle.without.dialog.seconds} and {@code handshake.threads}. */
    public StreamSettings(String name, InetAddress bindAddress, int port, Duration idleTimeout,
                          Duration handshakeTimeout, int maxConnections, int maxConnectionsPerIp,
                          int maxMessageBytes, Duration messageTimeout, int minBytesPerSecond, int ioThreads) {
        this(name, bindAddress, port, idleTimeout, handshakeTimeout, maxConnections, maxConnectionsPerIp,
                maxMessageBytes, messageTimeout, minBytesPerSecond, ioThreads, DEFAULT_MAX_IDLE_WITHOUT_DIALOG,
                DEFAULT_HANDSHAKE_THREADS);
    }

    /** @return the configured bind address and port */
    public java.net.InetSocketAddress endpoint() {
        return new java.net.InetSocketAddress(bindAddress, port);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
    }

    /**
     * Parses a configured bind address: an IPv4 or IPv6 literal (brackets allowed) or a host name.
     *
     * @throws IllegalArgumentException with an operator-readable message
     */
    public static InetAddress parseAddress(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("bind.address is empty");
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address " + text + " is not a valid address: " + e.getMessage(), e);
        }
    }

    /** Converts seconds from configuration to a duration; fractions allowed for tests and fine tuning. */
    public static Duration seconds(double seconds, String key) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(key + " must be positive, got " + seconds);
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
