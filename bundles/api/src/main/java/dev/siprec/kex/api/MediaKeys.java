package dev.siprec.kex.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * The SRTP keys one key exchange yields for one m-line, for the SRTP engine. With SDES they are
 * known when the answer is made; with DTLS-SRTP they arrive after the handshake on the media port
 * (RFC 5764 §4.2), so the media layer waits for {@link #ready()} and drops (and counts) SRTP that
 * arrives before it.
 */
@ConsumerType
public interface MediaKeys {

    /** @return what operators see of the keying ({@code siprec:keys}, {@code session.json}); never key bytes. */
    KeyingInfo info();

    /**
     * @return completes when the keys are available (at once for SDES), or exceptionally with the
     *         reason the stream cannot be keyed (DTLS: fingerprint mismatch, no common profile,
     *         handshake timeout, RFC 5763 §5)
     */
    CompletionStage<Void> ready();

    /**
     * @return a new engine policy to unprotect what the recording client sends (SDES: the
     *         offerer's key; DTLS: the peer's write key, RFC 5764 §4.2). The caller owns the
     *         returned key copies and hands them to {@link dev.siprec.srtp.api.SrtpEngine#newSession},
     *         then destroys its own.
     * @throws IllegalStateException before {@link #ready()} completed, or after the keys were wiped
     */
    SrtpPolicy receivePolicy();

    /**
     * @return a new engine policy to protect what the server itself sends (its RTCP), owned by the
     *         caller as {@link #receivePolicy()}
     * @throws IllegalStateException as {@link #receivePolicy()}
     */
    SrtpPolicy sendPolicy();

    /**
     * @return the SDES outcome for consumers that read {@link dev.siprec.sdp.api.NegotiatedMedia#srtp()}
     *         (the server's re-keying, RFC 4568 §7.1.4); empty for key exchanges that do not carry
     *         keys in SDP
     */
    default Optional<SrtpParameters> sdesParameters() {
        return Optional.empty();
    }

    /**
     * @return the handler of the stream's media port for key exchanges that run on it (DTLS-SRTP,
     *         RFC 5764 §5.1.2); empty when the keys come from the SDP (SDES)
     */
    default Optional<MediaPortHandler> mediaPortHandler() {
        return Optional.empty();
    }
}
