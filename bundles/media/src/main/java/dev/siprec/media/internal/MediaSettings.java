package dev.siprec.media.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validated media configuration.
 *
 * @param portMin first port of the range
 * @param portMax last port of the range
 * @param bind address the sockets bind to
 * @param advertised address put into SDP answers
 * @param ioThreads selector threads
 * @param jitterMillis jitter buffer wait
 * @param receiveBuffer SO_RCVBUF per socket
 * @param rawDirectory default directory for pcap files of undecodable payloads, or {@code null}
 * @param latchAny whether a stream may latch to any source (see {@link LatchRule}), and re-latch to another
 *                 address after its peer fell silent
 */
public record MediaSettings(int portMin, int portMax, InetAddress bind, InetAddress advertised, int ioThreads,
                            int jitterMillis, int receiveBuffer, Path rawDirectory, boolean latchAny) {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSettings.class);
    static final int DEFAULT_PORT_MIN = 20000;
    static final int DEFAULT_PORT_MAX = 39999;
    static final int DEFAULT_JITTER_MS = 60;
    static final int DEFAULT_RCVBUF = 256 * 1024;
    static final int MAX_IO_THREADS = 64;

    /** Settings that latch only to the addresses the signalling names. */
    public MediaSettings(int portMin, int portMax, InetAddress bind, InetAddress advertised, int ioThreads,
                         int jitterMillis, int receiveBuffer, Path rawDirectory) {
        this(portMin, portMax, bind, advertised, ioThreads, jitterMillis, receiveBuffer, rawDirectory, false);
    }

    /**
     * @throws IllegalArgumentException with an operator-readable message for each invalid key
     */
    public static MediaSettings from(MediaConfig c) {
        int min = c.rtp_port_min();
        int max = c.rtp_port_max();
        if (min < 1 || min > 65535 || max < 1 || max > 65535) {
            throw new IllegalArgumentException("rtp.port.min and rtp.port.max must be 1..65535: " + min + ", " + max);
        }
        int firstEven = min + (min & 1);
        if (firstEven + 1 > max) {
            throw new IllegalArgumentException("rtp.port.min " + min + " .. rtp.port.max " + max
                    + " holds no even RTP port with its RTCP port (port + 1)");
        }
        InetAddress bind = literal("bind.address", c.bind_address());
        String adv = c.advertised_address() == null ? "" : c.advertised_address().trim();
        InetAddress advertised = adv.isEmpty() ? defaultAdvertised(bind) : literal("advertised.address", adv);
        if (advertised.isAnyLocalAddress()) {
            throw new IllegalArgumentException("advertised.address must not be a wildcard address: " + adv);
        }
        int threads = c.io_threads();
        if (threads < 0 || threads > MAX_IO_THREADS) {
            throw new IllegalArgumentException("io.threads must be 0 (= cores) to " + MAX_IO_THREADS + ": " + threads);
        }
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        if (c.jitter_buffer_ms() < 0 || c.jitter_buffer_ms() > 1000) {
            throw new IllegalArgumentException("jitter.buffer.ms must be 0..1000: " + c.jitter_buffer_ms());
        }
        if (c.socket_receive_buffer() < 8192 || c.socket_receive_buffer() > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("socket.receive.buffer must be 8192..67108864 bytes: "
                    + c.socket_receive_buffer());
        }
        String raw = c.raw_directory() == null ? "" : c.raw_directory().trim();
        Path rawDirectory;
        try {
            rawDirectory = raw.isEmpty() ? null : Paths.get(raw);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("raw.directory is not a valid path: '" + raw + "'", e);
        }
        return new MediaSettings(min, max, bind, advertised, threads, c.jitter_buffer_ms(), c.socket_receive_buffer(),
                rawDirectory, c.latch_any());
    }

    /** @return the number of RTP port pairs in the range */
    public int pairs() {
        int first = portMin + (portMin & 1);
        return (portMax - 1 - first) / 2 + 1;
    }

    private static InetAddress literal(String key, String value) {
        String v = value == null ? "" : value.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty() || !v.matches("[0-9A-Fa-f.:%a-zA-Z]+") || !(v.contains(":") || v.matches("[0-9.]+"))) {
            throw new IllegalArgumentException(key + " must be an IPv4 or IPv6 address literal: '" + value + "'");
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + " is not a valid IP address: '" + value + "'", e);
        }
    }

    /** First non-loopback, non-link-local address of the bind address's family, else the loopback. */
    static InetAddress defaultAdvertised(InetAddress bind) {
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        boolean v6 = bind instanceof Inet6Address;
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    boolean family = v6 ? a instanceof Inet6Address : a instanceof Inet4Address;
                    if (family && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a;
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("Cannot list network interfaces: {}", e.toString());
        }
        InetAddress loopback = loopback(v6);
        LOG.warn("No non-loopback address found; advertising {} in SDP answers (set advertised.address)", loopback.getHostAddress());
        return loopback;
    }

    private static InetAddress loopback(boolean v6) {
        try {
            return InetAddress.getByAddress(v6 ? new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
                    : new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
