package dev.siprec.media.api;

/** Ports cannot be allocated or bound; the recording session answers {@code 503} (RFC 3261 §21.5.4). */
public class MediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
