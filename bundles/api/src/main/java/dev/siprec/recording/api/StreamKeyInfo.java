package dev.siprec.recording.api;

import java.time.Duration;
import java.time.Instant;

/**
 * The SRTP key in use on one received stream, without key bytes: which suite and key exchange,
 * whether it came in the recording client's offer, in its answer to the server's re-keying offer
 * (RFC 4568 §7.1.4) or from a DTLS-SRTP handshake (with profile, role and peer fingerprint),
 * when it was installed and how much it was used against its lifetime (RFC 4568 §6.1).
 *
 * @param sessionId the recording session
 * @param streamKey the stream
 * @param suite the crypto suite, e.g. {@code AES_CM_128_HMAC_SHA1_80}
 * @param source where the key came from
 * @param installedAt when the key was installed
 * @param age how long it has been in use at the time of the snapshot
 * @param packetsUnderKey packets received under it so far
 * @param lifetimePackets the key's lifetime from its {@code |2^n} parameter, 0 when none was given
 * @param mki the MKI in use as {@code value:length}, or {@code null} when the stream uses none
 * @param rekeyPending {@code true} while the server's re-keying re-INVITE is outstanding
 * @param keyExchange the key exchange that keyed the stream: {@code SDES} (RFC 4568) or {@code DTLS}
 *                    (RFC 5764) (since 0.3.0)
 * @param profile the DTLS-SRTP protection profile (RFC 5764 §4.1.2), or {@code null} for SDES (since 0.3.0)
 * @param role the server's role: {@code answerer} for SDES; {@code server} or {@code client} for DTLS
 *             ({@code a=setup}, RFC 4145) (since 0.3.0)
 * @param peerFingerprint the peer certificate fingerprint from the SDP ({@code sha-256 AB:...}, RFC 8122),
 *                        or {@code null} when the key exchange has none (since 0.3.0)
 */
public record StreamKeyInfo(String sessionId, String streamKey, String suite, KeySource source, Instant installedAt,
                            Duration age, long packetsUnderKey, long lifetimePackets, String mki, boolean rekeyPending,
                            String keyExchange, String profile, String role, String peerFingerprint) {

    /** Key facts of an SDES stream (key exchange {@code SDES}, role {@code answerer}). */
    public StreamKeyInfo(String sessionId, String streamKey, String suite, KeySource source, Instant installedAt,
                         Duration age, long packetsUnderKey, long lifetimePackets, String mki, boolean rekeyPending) {
        this(sessionId, streamKey, suite, source, installedAt, age, packetsUnderKey, lifetimePackets, mki, rekeyPending,
                "SDES", null, "answerer", null);
    }

    /** Where a recording client's key came from. */
    public enum KeySource {
        /** The client's offer (initial INVITE or its re-INVITE). */
        OFFER,
        /** The client's answer to the server's re-keying offer. */
        ANSWER,
        /** A handshake on the media port (DTLS-SRTP, RFC 5764 §4.2) (since 0.3.0). */
        HANDSHAKE
    }
}
