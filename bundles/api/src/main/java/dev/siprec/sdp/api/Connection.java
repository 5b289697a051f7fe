package dev.siprec.sdp.api;

import java.util.Objects;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=IN <addressType> <address>}.
 *
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the connection address: an IPv4 or IPv6 literal or a host name; for multicast it
 *                keeps its {@code /ttl} and {@code /count} suffixes as sent
 */
public record Connection(String addressType, String address) {
    /** {@code IP4} (RFC 8866 §5.7). */
    public static final String IP4 = "IP4";
    /** {@code IP6} (RFC 8866 §5.7). */
    public static final String IP6 = "IP6";

    public Connection {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }

    /** @return {@code true} when the address carries a multicast {@code /ttl} or {@code /count} suffix. */
    public boolean hasMulticastSuffix() {
        return address.indexOf('/') >= 0;
    }
}
