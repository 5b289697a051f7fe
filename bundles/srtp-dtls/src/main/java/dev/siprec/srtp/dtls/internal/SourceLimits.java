package dev.siprec.srtp.dtls.internal;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per-stream limits against floods: a one-second datagram window and a handshake count per source
 * (bounded: a flood of source ports fills the table, and then starts no more handshakes).
 */
final class SourceLimits {
    static final int MAX_SOURCES = 64;

    private final int perSource;
    private final int perSecond;
    private final Map<InetSocketAddress, Integer> handshakes = new HashMap<>();
    private final Set<Refusal> logged = EnumSet.noneOf(Refusal.class);
    private long windowStart;
    private int inWindow;

    SourceLimits(int perSource, int perSecond) {
        this.perSource = perSource;
        this.perSecond = perSecond;
    }

    synchronized boolean allowDatagram(long nanos) {
        if (nanos - windowStart >= 1_000_000_000L) {
            windowStart = nanos;
            inWindow = 0;
        }
        return ++inWindow <= perSecond;
    }

    synchronized boolean allowHandshake(InetSocketAddress source) {
        Integer n = handshakes.get(source);
        return n == null ? handshakes.size() < MAX_SOURCES : n < perSource;
    }

    synchronized void countHandshake(InetSocketAddress source) {
        handshakes.merge(source, 1, Integer::sum);
    }

    /** @return true the first time {@code r} happens on this stream (log once, count always). */
    synchronized boolean firstOf(Refusal r) {
        return logged.add(r);
    }
}
