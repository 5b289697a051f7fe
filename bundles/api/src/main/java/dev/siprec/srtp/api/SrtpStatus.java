package dev.siprec.srtp.api;

/**
 * Outcome of protecting or unprotecting one packet (RFC 3711 §3.3, §3.4). Returned, never thrown:
 * the packet path counts outcomes per stream and drops what is not {@link #OK}.
 */
public enum SrtpStatus {
    /** Authenticated (and decrypted) or protected. */
    OK,
    /** The authentication tag did not verify (RFC 3711 §3.3 step 5); the packet is dropped untouched. */
    AUTH_FAIL,
    /** The index lies left of the replay window (RFC 3711 §3.3.2). */
    REPLAY_OLD,
    /** The index was already received (RFC 3711 §3.3.2). */
    REPLAY_DUP,
    /** The master key in use reached its lifetime (RFC 3711 §9.2): the packet is rejected. */
    KEY_EXPIRED,
    /** The MKI carried by the packet names no known master key (RFC 3711 §3.1). */
    UNKNOWN_MKI,
    /** Too short, wrong RTP version, bad header extension or padding: not an SRTP packet. */
    MALFORMED,
    /** A new SSRC arrived while the per-stream or per-session cap of crypto contexts is reached. */
    SSRC_LIMIT
}
