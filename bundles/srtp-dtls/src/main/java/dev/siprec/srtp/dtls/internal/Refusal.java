package dev.siprec.srtp.dtls.internal;

/** Why a DTLS datagram, handshake or stream was refused; each is counted. */
enum Refusal {
    /** The peer certificate does not match {@code a=fingerprint} (RFC 5763 §5), or it sent none. */
    FINGERPRINT_MISMATCH,
    /** No {@code use_srtp} profile in common with the registered suites (RFC 5764 §4.1.2). */
    NO_COMMON_PROFILE,
    /** The handshake did not complete in time (RFC 6347 §4.2.4: retransmissions exhausted). */
    TIMEOUT,
    /** More datagrams than {@code max.datagrams.per.second}, or a handshake already running. */
    FLOOD,
    /** More handshakes from one source than {@code max.handshakes.per.source}. */
    HANDSHAKE_LIMIT,
    /** Bytes that are not a DTLS ClientHello where one is expected. */
    GARBAGE,
    /** A datagram over {@code max.datagram.bytes}. */
    OVERSIZE,
    /** All handshake threads and their queue are busy. */
    BUSY,
    /** A DTLS datagram from a source other than the association's peer. */
    WRONG_SOURCE,
    /** The peer sent a fatal alert, or the handshake failed otherwise. */
    FAILED
}
