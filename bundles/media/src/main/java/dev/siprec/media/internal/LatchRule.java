package dev.siprec.media.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.siprec.media.api.StreamSettings;

/**
 * The source addresses a stream may latch to (symmetric RTP, RFC 4961, hardened against injection):
 * the offer's {@code c=} and {@code a=rtcp} addresses; when the offer's address is not routable (private,
 * shared, link-local or unique-local space: the client is behind NAT), also the address the SIP
 * requests came from. With {@code latch.any} every source is allowed (the old behaviour, for media
 * relays that send from addresses the signalling does not name). Immutable.
 */
final class LatchRule {
    private static final LatchRule ANY = new LatchRule(Set.of(), true);

    private final Set<InetAddress> allowed;
    private final boolean any;

    private LatchRule(Set<InetAddress> allowed, boolean any) {
        this.allowed = allowed;
        this.any = any;
    }

    /** Every source is allowed. */
    static LatchRule any() {
        return ANY;
    }

    /** The rule for {@code s}; with {@code latchAny} every source is allowed. */
    static LatchRule of(StreamSettings s, boolean latchAny) {
        if (latchAny) {
            return ANY;
        }
        Set<InetAddress> allowed = new LinkedHashSet<>();
        InetAddress rtp = usable(s.remote());
        InetAddress rtcp = usable(s.remoteRtcp());
        if (rtp != null) {
            allowed.add(rtp);
        }
        if (rtcp != null) {
            allowed.add(rtcp);
        }
        boolean routable = rtp != null && routable(rtp);
        if (!routable && s.signallingPeer() != null && !s.signallingPeer().isAnyLocalAddress()) {
            allowed.add(s.signallingPeer());
        }
        return new LatchRule(Set.copyOf(allowed), false);
    }

    boolean allows(InetAddress source) {
        return any || allowed.contains(source) || allowed.contains(unmapped(source));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatchRule r && r.any == any && r.allowed.equals(allowed);
    }

    @Override
    public int hashCode() {
        return allowed.hashCode() * 31 + (any ? 1 : 0);
    }

    @Override
    public String toString() {
        return any ? "any source" : allowed.isEmpty() ? "no source (the offer names no address and the SIP peer is unknown)"
                : "sources " + allowed;
    }

    private static InetAddress usable(InetSocketAddress a) {
        if (a == null || a.getAddress() == null || a.getAddress().isAnyLocalAddress()) {
            return null;
        }
        return unmapped(a.getAddress());
    }

    /**
     * @return {@code false} for the address blocks a host behind NAT announces: RFC 1918, RFC 6598 shared
     * space, link-local, IPv6 unique-local (RFC 4193) and site-local; loopback counts as routable (it can only be
     * the same host)
     */
    static boolean routable(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return !((b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64); // 100.64.0.0/10, carrier-grade NAT
        }
        return !(a instanceof Inet6Address) || (b[0] & 0xFE) != 0xFC; // fc00::/7
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its IPv4 address; others unchanged. */
    static InetAddress unmapped(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return a;
            }
        }
        if (b[10] != (byte) 0xFF || b[11] != (byte) 0xFF) {
            return a;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
