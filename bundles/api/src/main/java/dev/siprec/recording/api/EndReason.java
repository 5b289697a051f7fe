package dev.siprec.recording.api;

/** Why a recording session ended. */
public enum EndReason {
    /** BYE from the recording client. */
    BYE,
    /** BYE sent by the server (operator hang-up, key lifetime, media timeout). */
    SERVER_BYE,
    /** CANCEL before the answer. */
    CANCELLED,
    /** No media for the configured time. */
    MEDIA_TIMEOUT,
    /** RFC 4028 session timer expired without refresh. */
    SESSION_TIMER,
    /** The server stopped gracefully. */
    SHUTDOWN,
    /** Transport lost or an internal failure; what was received is kept. */
    ERROR,
    /** No stream was receiving (all {@code inactive}, or none left) for the configured time (since 0.2.0). */
    IDLE_TIMEOUT,
    /** The session reached the configured maximum duration (since 0.2.0). */
    MAX_DURATION,
    /** A sink could not store the recording (e.g. disk full); the recording is {@code interrupted} (since 0.2.0). */
    STORAGE_FAILURE
}
