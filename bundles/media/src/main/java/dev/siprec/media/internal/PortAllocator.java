package dev.siprec.media.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.BitSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.api.MediaException;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP on RTP + 1, RFC 3550 §11) from the configured
 * range, round-robin so that a port just released is not reused at once (stray packets of the last
 * call). A pair whose ports are busy (another process) is skipped. Ports are tracked for the whole
 * 0..65535 space so that a range change leaves existing allocations intact. Thread-safe.
 */
final class PortAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(PortAllocator.class);

    /** The bound sockets of one allocation; {@code rtcp} is {@code null} with rtcp-mux. */
    record Ports(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
    }

    /** Random picks before scanning; with the range mostly free one pick nearly always suffices. */
    private static final int RANDOM_PICKS = 8;

    private final BitSet inUse = new BitSet(65537);
    private final SecureRandom random = new SecureRandom();

    /**
     * Binds the next free pair of {@code settings}' range.
     *
     * @throws MediaException when every pair is in use or busy
     */
    synchronized Ports allocate(MediaSettings settings, boolean rtcpMux) throws MediaException {
        int first = settings.portMin() + (settings.portMin() & 1);
        int pairs = settings.pairs();
        int busy = 0;
        for (int i = 0; i < RANDOM_PICKS && i < pairs; i++) {
            int port = first + 2 * random.nextInt(pairs);
            if (!inUse.get(port)) {
                Ports ports = bind(settings, port, rtcpMux);
                if (ports != null) {
                    inUse.set(port, port + 2);
                    return ports;
                }
                busy++;
            }
        }
        int start = random.nextInt(pairs);
        for (int i = 0; i < pairs; i++) {
            int port = first + 2 * ((start + i) % pairs);
            if (inUse.get(port)) {
                continue;
            }
            Ports ports = bind(settings, port, rtcpMux);
            if (ports == null) {
                busy++;
                continue;
            }
            inUse.set(port, port + 2);
            return ports;
        }
        throw new MediaException("no free RTP port pair in " + settings.portMin() + "-" + settings.portMax() + " ("
                + inUse.cardinality() / 2 + " pairs allocated, " + busy + " busy in other processes)");
    }

    /** Returns the pair of {@code rtpPort} (sockets must be closed already). */
    synchronized void release(int rtpPort) {
        inUse.clear(rtpPort, rtpPort + 2);
    }

    /** @return pairs of the range not allocated by this server */
    synchronized int free(MediaSettings settings) {
        int first = settings.portMin() + (settings.portMin() & 1);
        int pairs = settings.pairs();
        int used = 0;
        for (int i = 0; i < pairs; i++) {
            if (inUse.get(first + 2 * i)) {
                used++;
            }
        }
        return pairs - used;
    }

    /** @return pairs allocated */
    synchronized int allocated() {
        return inUse.cardinality() / 2;
    }

    private static Ports bind(MediaSettings settings, int port, boolean rtcpMux) {
        DatagramChannel rtp = null;
        DatagramChannel rtcp = null;
        try {
            rtp = open(settings, port);
            if (!rtcpMux) {
                rtcp = open(settings, port + 1);
            }
            return new Ports(port, rtp, rtcp);
        } catch (IOException e) {
            LOG.debug("Port pair {} busy: {}", port, e.toString());
            closeQuietly(rtp);
            closeQuietly(rtcp);
            return null;
        }
    }

    private static DatagramChannel open(MediaSettings settings, int port) throws IOException {
        InetAddress bind = settings.bind();
        DatagramChannel ch = DatagramChannel.open(bind instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBuffer());
            ch.bind(new InetSocketAddress(bind, port));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("Closing a media socket failed: {}", e.toString());
            }
        }
    }
}
