package dev.siprec.sip.transport.stream;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Total and per-source connection caps of a listener; thread-safe. A source is an IPv4 address, or
 * for IPv6 the /64 prefix the address lies in (RFC 4291 §2.5.4: a /64 is one subnet, usually one
 * host or site, which can pick any of its 2^64 addresses), so that an IPv6 peer cannot step around
 * the cap by changing its interface identifier. Shared by the stream transports and WS/WSS.
 */
public final class ConnectionCaps {

    /** Outcome of {@link #tryAcquire}. */
    public enum Verdict { ACCEPTED, OVER_TOTAL, OVER_PER_IP }

    private final int maxTotal;
    private final int maxPerIp;
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private int total;

    public ConnectionCaps(int maxTotal, int maxPerIp) {
        this.maxTotal = maxTotal;
        this.maxPerIp = maxPerIp;
    }

    /**
     * @param ip the peer, or {@code null} for an outbound connection (no per-source cap)
     * @return the verdict; on {@link Verdict#ACCEPTED} the caller must {@link #release} later
     */
    public synchronized Verdict tryAcquire(InetAddress ip) {
        if (total >= maxTotal) {
            return Verdict.OVER_TOTAL;
        }
        if (ip != null) {
            InetAddress key = source(ip);
            int n = perSource.getOrDefault(key, 0);
            if (n >= maxPerIp) {
                return Verdict.OVER_PER_IP;
            }
            perSource.put(key, n + 1);
        }
        total++;
        return Verdict.ACCEPTED;
    }

    /** Releases what {@link #tryAcquire} took for {@code ip} (the same argument). */
    public synchronized void release(InetAddress ip) {
        total--;
        if (ip != null) {
            perSource.computeIfPresent(source(ip), (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    public synchronized int total() {
        return total;
    }

    /**
     * @return the key a source is counted under: an IPv4 address (IPv4-mapped IPv6 addresses are
     *         IPv4 already in Java), or the IPv6 address with its last 64 bits cleared
     */
    public static InetAddress source(InetAddress ip) {
        if (!(ip instanceof Inet6Address)) {
            return ip;
        }
        byte[] b = Arrays.copyOf(ip.getAddress(), 16);
        Arrays.fill(b, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always a valid address
        }
    }
}
