package dev.siprec.sdp.api;

/**
 * A session description or an attribute value that cannot be accepted, with the reason and, for a
 * description, the 1-based line it was found on (0 when it concerns the whole body). The session
 * layer answers it with {@code 400} or {@code 488} and the reason in a {@code Warning} header; the
 * message never contains key material.
 */
public class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    /**
     * @param line 1-based line number, 0 for the whole body or a lone attribute value
     * @param reason what is wrong, for operators and the peer
     */
    public SdpParseException(int line, String reason) {
        super(line > 0 ? "SDP line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** @return the 1-based line number, 0 when not tied to a line. */
    public int line() {
        return line;
    }

    /** @return the reason without the line prefix. */
    public String reason() {
        return reason;
    }
}
