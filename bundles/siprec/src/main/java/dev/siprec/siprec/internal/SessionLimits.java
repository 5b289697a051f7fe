package dev.siprec.siprec.internal;

import java.time.Duration;

/**
 * Bounds on one recording session, so that neither a vanished client nor a hostile one can keep a
 * session, its files or its memory growing without end.
 *
 * @param idleTimeout how long a session may have no receiving stream (all {@code inactive}, or none left)
 *                    before it is ended with BYE; {@link Duration#ZERO} disables
 * @param maxDuration the longest a session may last before it is ended with BYE; {@link Duration#ZERO} disables
 * @param maxStreams streams ever opened in one session (initial offer and re-INVITEs); past it a re-INVITE gets 403
 * @param maxMetadataVersions metadata bodies accepted in one session; past it a re-INVITE gets 403
 * @param maxDtmfEvents telephone events kept per session; later ones are counted and dropped
 */
record SessionLimits(Duration idleTimeout, Duration maxDuration, int maxStreams, int maxMetadataVersions,
                     int maxDtmfEvents) {

    /** The defaults of {@link SessionConfig}. */
    static final SessionLimits DEFAULTS = new SessionLimits(Duration.ofHours(1), Duration.ofHours(4), 64, 100, 10_000);

    /** @throws IllegalArgumentException with a message an operator understands */
    static SessionLimits of(SessionConfig c) {
        if (c.idle_timeout_seconds() < 0) {
            throw new IllegalArgumentException("idle.timeout.seconds must not be negative: " + c.idle_timeout_seconds());
        }
        if (c.max_session_duration() < 0) {
            throw new IllegalArgumentException("max.session.duration must not be negative: " + c.max_session_duration());
        }
        if (c.max_streams() < 1 || c.max_metadata_versions() < 1 || c.max_dtmf_events() < 0) {
            throw new IllegalArgumentException("max.streams and max.metadata.versions must be at least 1, max.dtmf.events "
                    + "at least 0: " + c.max_streams() + ", " + c.max_metadata_versions() + ", " + c.max_dtmf_events());
        }
        return new SessionLimits(Duration.ofSeconds(c.idle_timeout_seconds()), Duration.ofSeconds(c.max_session_duration()),
                c.max_streams(), c.max_metadata_versions(), c.max_dtmf_events());
    }
}
