package dev.siprec.kex.api;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of agreeing SRTP keys for the m-lines of some SDP transport protocols, registered as a
 * service with the properties {@link #NAME} and {@link #PROTOCOLS}. The SDP answerer picks, for an
 * m-line, the key exchange whose {@link #PROTOCOLS} contains its protocol (highest
 * {@code service.ranking} first). Implementations keep no state outside their sessions.
 */
@ConsumerType
public interface KeyExchange {

    /** Service property, {@code String}: the key exchange name shown to operators, e.g. {@value #SDES} or {@value #DTLS}. */
    String NAME = "kex.name";

    /**
     * Service property, {@code String+}: the SDP transport protocols (RFC 8866 §5.14) this key
     * exchange answers, upper case, e.g. {@code RTP/SAVP}, {@code RTP/SAVPF} for SDES (RFC 4568
     * §3.1.4) or {@code UDP/TLS/RTP/SAVP}, {@code UDP/TLS/RTP/SAVPF} for DTLS-SRTP (RFC 5764 §8).
     */
    String PROTOCOLS = "kex.protocols";

    /** {@link #NAME} of Security Descriptions (RFC 4568). */
    String SDES = "SDES";
    /** {@link #NAME} of DTLS-SRTP (RFC 5763, RFC 5764). */
    String DTLS = "DTLS";

    /** @return the name, equal to the {@link #NAME} property. */
    String name();

    /** @return the protocols, equal to the {@link #PROTOCOLS} property. */
    Set<String> protocols();

    /**
     * @return {@code true} when the keys travel inside the SDP (SDES): the answerer then accepts
     *         the m-line only over the SIP transports of {@code sdes.transports} (PID
     *         {@code dev.siprec.srtp}, RFC 4568 §8.3); {@code false} when the SDP carries only
     *         fingerprints (DTLS-SRTP, RFC 5763 §5: safe over any signaling transport)
     */
    boolean keysInSignaling();

    /**
     * Opens the key exchange state of one recording session.
     *
     * @param context what the key exchange may know of the session
     */
    KeyExchangeSession open(KeyExchangeContext context);
}
