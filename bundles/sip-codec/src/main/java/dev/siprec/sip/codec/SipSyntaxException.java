package dev.siprec.sip.codec;

/**
 * A header value, URI or body that does not match the RFC 3261 §25 grammar (or RFC 2046 for
 * multipart bodies). The message is short, safe to log and to use as a {@code 400} reason phrase:
 * it never contains the offending input beyond a header name.
 */
public final class SipSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, e.g. {@code "Via: missing branch"} */
    public SipSyntaxException(String reason) {
        super(reason);
    }

    /** @return the reason, as given to the constructor */
    public String reason() {
        return getMessage();
    }
}
