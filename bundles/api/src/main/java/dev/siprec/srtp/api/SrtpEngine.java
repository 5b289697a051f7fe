package dev.siprec.srtp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SRTP/SRTCP engine (RFC 3711): opens sessions for negotiated policies with a suite from the
 * {@link SrtpCryptoSuiteRegistry}. Provided by {@code srtp-core}.
 */
@ProviderType
public interface SrtpEngine {

    /**
     * Opens a session and takes ownership of the policy's master keys: once the session keys are
     * derived the engine closes every {@link SrtpMasterKey} of {@code policy} (wiping key and salt),
     * also when this method throws. A caller that needs the master key again (e.g. for a second
     * session) builds a new policy from its own copy of the bytes; a caller that builds a policy and
     * does not hand it to the engine closes the keys itself.
     *
     * @throws IllegalArgumentException if the suite is not registered, a key or salt length does not
     *         match the suite, a lifetime exceeds the suite's, or the suite refuses the policy's flags
     * @throws IllegalStateException if the engine-wide session cap is reached
     */
    SrtpSession newSession(SrtpPolicy policy);

    /**
     * As {@link #newSession}, for a side that only receives (a recording server): the session
     * holds no sending state (no sender transforms, replay lists or indices), and its
     * {@link SrtpSession#protectRtp protectRtp}/{@link SrtpSession#protectRtcp protectRtcp} return
     * {@link SrtpStatus#KEY_EXPIRED} without touching the packet. An engine without the distinction
     * opens a full session.
     *
     * @since 0.3.0
     */
    default SrtpSession newReceiveSession(SrtpPolicy policy) {
        return newSession(policy);
    }
}
