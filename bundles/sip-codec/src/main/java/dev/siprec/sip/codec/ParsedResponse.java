package dev.siprec.sip.codec;

import dev.siprec.sip.api.SipResponse;

/**
 * A SIP response (RFC 3261 §7.2), as parsed by {@link SipParser} or built by
 * {@link SipMessageBuilder}. Immutable; {@code with...} methods return modified copies.
 */
public final class ParsedResponse extends ParsedMessage implements SipResponse {
    private final int statusCode;
    private final String reasonPhrase;

    ParsedResponse(int statusCode, String reasonPhrase, HeaderFields fields, byte[] body) {
        super(fields, body);
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code out of range: " + statusCode);
        }
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public String reasonPhrase() {
        return reasonPhrase;
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + statusCode + " " + reasonPhrase;
    }

    /** @return a copy where the field has exactly this one value */
    public ParsedResponse withHeader(String name, String value) {
        checkHeader(name, value);
        return new ParsedResponse(statusCode, reasonPhrase, fields.with(name, value), body);
    }

    /** @return a copy with one more line for the field */
    public ParsedResponse addHeader(String name, String value) {
        checkHeader(name, value);
        return new ParsedResponse(statusCode, reasonPhrase, fields.add(name, value), body);
    }

    /** @return a copy without any line of the field */
    public ParsedResponse withoutHeader(String name) {
        return new ParsedResponse(statusCode, reasonPhrase, fields.without(name), body);
    }
}
