package dev.siprec.kex.api;

import java.util.Objects;

/**
 * What operators see of the keying of one stream ({@code siprec:keys}, {@code session.json}):
 * never key bytes.
 *
 * @param source the key exchange name, {@link KeyExchange#SDES} or {@link KeyExchange#DTLS}
 * @param suite the SRTP suite (RFC 4568 §6.2 name), for DTLS-SRTP the suite of the negotiated
 *              {@code use_srtp} profile
 * @param profile the DTLS-SRTP protection profile (RFC 5764 §4.1.2, e.g. {@code SRTP_AES128_CM_SHA1_80}),
 *                or {@code null} for SDES
 * @param role the server's role: {@code answerer} for SDES (its key protects only its own RTCP);
 *             {@code server} or {@code client} for DTLS ({@code a=setup}, RFC 4145, RFC 8842)
 * @param peerFingerprint the peer certificate fingerprint as in SDP ({@code sha-256 AB:CD:...},
 *                        RFC 8122), or {@code null} when the key exchange has none
 */
public record KeyingInfo(String source, String suite, String profile, String role, String peerFingerprint) {
    public KeyingInfo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(role, "role");
    }
}
