package dev.siprec.recording.api;

import java.time.Duration;
import java.time.Instant;

/**
 * The SRTP key in use on one received stream, without key bytes: which suite, whether it came in
 * the recording client's offer or in its answer to the server's re-keying offer (RFC 4568 §7.1.4),
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
 */
public record StreamKeyInfo(String sessionId, String streamKey, String suite, KeySource source, Instant installedAt,
                            Duration age, long packetsUnderKey, long lifetimePackets, String mki, boolean rekeyPending) {

    /** Where a recording client's key came from. */
    public enum KeySource {
        /** The client's offer (initial INVITE or its re-INVITE). */
        OFFER,
        /** The client's answer to the server's re-keying offer. */
        ANSWER
    }
}
