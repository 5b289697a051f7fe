package dev.siprec.sdp.api;

import java.util.Objects;

/**
 * One SRTP session parameter of an {@code a=crypto} attribute (RFC 4568 §6.3). Unknown parameters
 * are kept; one whose name starts with {@code -} is optional and may be ignored, any other unknown
 * one makes the attribute unacceptable (RFC 4568 §6.3.7).
 *
 * @param name the parameter name, e.g. {@code KDR}, {@code UNENCRYPTED_SRTCP}
 * @param value the text after {@code =}, or {@code null} for a flag
 */
public record SessionParam(String name, String value) {
    /** {@code KDR=n}: key derivation rate 2^n, n in 1..24 (RFC 4568 §6.3.1). */
    public static final String KDR = "KDR";
    /** SRTP payloads are not encrypted (RFC 4568 §6.3.2). */
    public static final String UNENCRYPTED_SRTP = "UNENCRYPTED_SRTP";
    /** SRTCP payloads are not encrypted (RFC 4568 §6.3.2). */
    public static final String UNENCRYPTED_SRTCP = "UNENCRYPTED_SRTCP";
    /** SRTP packets carry no authentication tag (RFC 4568 §6.3.3). */
    public static final String UNAUTHENTICATED_SRTP = "UNAUTHENTICATED_SRTP";
    /** {@code FEC_ORDER=FEC_SRTP|SRTP_FEC} (RFC 4568 §6.3.4). */
    public static final String FEC_ORDER = "FEC_ORDER";
    /** {@code FEC_KEY=<key-params>}: separate keys for the FEC stream (RFC 4568 §6.3.5). */
    public static final String FEC_KEY = "FEC_KEY";
    /** {@code WSH=n}: window size hint for the replay list, at least 64 (RFC 4568 §6.3.6). */
    public static final String WSH = "WSH";

    public SessionParam {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty session parameter name");
        }
    }

    /** A flag parameter such as {@link #UNENCRYPTED_SRTCP}. */
    public static SessionParam flag(String name) {
        return new SessionParam(name, null);
    }

    /** @return {@code true} for a parameter the receiver may ignore ({@code -} prefix, RFC 4568 §6.3.7). */
    public boolean optional() {
        return name.startsWith("-");
    }

    /** @return the SDP text, {@code NAME} or {@code NAME=value}. */
    public String text() {
        return value == null ? name : name + "=" + value;
    }

    /** @return the SDP text, with the keys of {@code FEC_KEY} redacted. */
    @Override
    public String toString() {
        return FEC_KEY.equals(name) ? FEC_KEY + "=<redacted>" : text();
    }
}
