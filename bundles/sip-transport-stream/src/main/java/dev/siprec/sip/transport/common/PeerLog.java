package dev.siprec.sip.transport.common;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a peer's failures (handshake errors, plain text on a TLS port, slow senders) once per peer
 * and interval, so that a misbehaving or hostile client cannot flood the log. Bounded in size.
 */
public final class PeerLog {
    private static final int MAX_PEERS = 4096;
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<InetAddress, Long> lastLogged = new ConcurrentHashMap<>();

    public PeerLog(Logger log, long intervalNanos, LongSupplier clock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /**
     * Logs {@code message} at WARN unless this peer was logged within the interval.
     *
     * @return whether the line was logged
     */
    public boolean warn(InetAddress peer, String format, Object... args) {
        long now = clock.getAsLong();
        Long last = lastLogged.get(peer);
        if (last != null && now - last < intervalNanos) {
            log.debug(format, args);
            return false;
        }
        if (lastLogged.size() >= MAX_PEERS) {
            purge(now);
        }
        lastLogged.put(peer, now);
        log.warn(format, args);
        return true;
    }

    private void purge(long now) {
        for (Iterator<Long> it = lastLogged.values().iterator(); it.hasNext();) {
            if (now - it.next() >= intervalNanos) {
                it.remove();
            }
        }
        if (lastLogged.size() >= MAX_PEERS) {
            lastLogged.clear();
        }
    }
}
