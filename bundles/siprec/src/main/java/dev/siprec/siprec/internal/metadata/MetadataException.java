package dev.siprec.siprec.internal.metadata;

/**
 * A metadata body (RFC 7865) that cannot be accepted: not well-formed, unsafe (a DOCTYPE), over a
 * limit, or not recording metadata. The message is short and safe for a {@code 400} reason phrase.
 */
public final class MetadataException extends Exception {
    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
