package dev.siprec.siprec.internal;

import java.time.Duration;

/**
 * The validated form of {@link SessionConfig}.
 *
 * @param mediaTimeout {@link Duration#ZERO} when disabled
 * @param maxKeyAge {@link Duration#ZERO} when disabled
 * @param limits per-session bounds (durations, streams, metadata versions, DTMF events)
 */
record Settings(int maxSessions, boolean acceptNonSiprec, AccessPolicy access, Duration mediaTimeout, Duration maxKeyAge,
                int retryAfterSeconds, SessionLimits limits) {

    /** Fraction of a key's lifetime after which the server re-keys (RFC 4568 §7.1.4: before it runs out). */
    static final double LIFETIME_THRESHOLD = 0.9;

    /** @throws IllegalArgumentException with a message an operator understands */
    static Settings of(SessionConfig c) {
        if (c.max_sessions() < 1) {
            throw new IllegalArgumentException("max.sessions must be at least 1: " + c.max_sessions());
        }
        if (c.media_timeout_seconds() < 0) {
            throw new IllegalArgumentException("media.timeout.seconds must not be negative: " + c.media_timeout_seconds());
        }
        if (c.max_key_age_seconds() < 0) {
            throw new IllegalArgumentException("max.key.age.seconds must not be negative: " + c.max_key_age_seconds());
        }
        if (c.retry_after_seconds() < 1) {
            throw new IllegalArgumentException("retry.after.seconds must be at least 1: " + c.retry_after_seconds());
        }
        return new Settings(c.max_sessions(), c.accept_non_siprec(), AccessPolicy.of(c.allowed_sources(), c.allowed_certificates()),
                Duration.ofSeconds(c.media_timeout_seconds()), Duration.ofSeconds(c.max_key_age_seconds()),
                c.retry_after_seconds(), SessionLimits.of(c));
    }
}
