package dev.siprec.sip.transport.udp.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the remote addresses a UDP listener heard from recently — UDP has no connections, so
 * this is what {@code siprec:transports} shows as its connection count. Bounded in size.
 */
final class PeerTracker {

    private final Clock clock;
    private final long windowMs;
    private final int maxPeers;
    private final Map<InetSocketAddress, Long> lastSeen = new ConcurrentHashMap<>();

    PeerTracker(Clock clock, long windowMs, int maxPeers) {
        this.clock = clock;
        this.windowMs = windowMs;
        this.maxPeers = maxPeers;
    }

    void seen(InetSocketAddress peer) {
        long now = clock.millis();
        if (lastSeen.put(peer, now) == null && lastSeen.size() > maxPeers) {
            prune(now);
            if (lastSeen.size() > maxPeers) {
                lastSeen.clear(); // a flood of sources: the count restarts rather than growing
            }
        }
    }

    int count() {
        prune(clock.millis());
        return lastSeen.size();
    }

    private void prune(long now) {
        for (Iterator<Long> it = lastSeen.values().iterator(); it.hasNext(); ) {
            if (now - it.next() > windowMs) {
                it.remove();
            }
        }
    }
}
