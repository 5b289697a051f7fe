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
    ERROR
}
