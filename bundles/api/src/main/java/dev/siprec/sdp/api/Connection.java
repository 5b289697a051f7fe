package dev.siprec.sdp.api;

/**
 * A {@code c=} line (RFC 8866 §5.7).
 *
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the connection address (unicast for recording clients)
 */
public record Connection(String addressType, String address) {
}
