package dev.siprec.srtp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SRTP/SRTCP engine (RFC 3711): opens sessions for negotiated policies with a suite from the
 * {@link SrtpCryptoSuiteRegistry}. Provided by {@code srtp-core}.
 */
@ProviderType
public interface SrtpEngine {

    /**
     * Opens a session. The policy's keys are copied; the caller may destroy its own copies.
     *
     * @throws IllegalArgumentException if the suite is not registered, a key or salt length does not
     *         match the suite, a lifetime exceeds the suite's, or the suite refuses the policy's flags
     * @throws IllegalStateException if the engine-wide session cap is reached
     */
    SrtpSession newSession(SrtpPolicy policy);
}
