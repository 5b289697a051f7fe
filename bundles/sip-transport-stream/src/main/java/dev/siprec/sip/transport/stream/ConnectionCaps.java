package dev.siprec.sip.transport.stream;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Total and per-IP connection caps of a listener; thread-safe. */
final class ConnectionCaps {

    /** Outcome of {@link #tryAcquire}. */
    enum Verdict { ACCEPTED, OVER_TOTAL, OVER_PER_IP }

    private final int maxTotal;
    private final int maxPerIp;
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    private int total;

    ConnectionCaps(int maxTotal, int maxPerIp) {
        this.maxTotal = maxTotal;
        this.maxPerIp = maxPerIp;
    }

    /** @param ip the peer, or {@code null} for an outbound connection (no per-IP cap) */
    synchronized Verdict tryAcquire(InetAddress ip) {
        if (total >= maxTotal) {
            return Verdict.OVER_TOTAL;
        }
        if (ip != null) {
            int n = perIp.getOrDefault(ip, 0);
            if (n >= maxPerIp) {
                return Verdict.OVER_PER_IP;
            }
            perIp.put(ip, n + 1);
        }
        total++;
        return Verdict.ACCEPTED;
    }

    synchronized void release(InetAddress ip) {
        total--;
        if (ip != null) {
            perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    synchronized int total() {
        return total;
    }
}
