package dev.siprec.sip.codec;

import java.util.Objects;

import dev.siprec.sip.api.SipRequest;

/**
 * A SIP request (RFC 3261 §7.1), as parsed by {@link SipParser} or built by
 * {@link SipMessageBuilder}. Immutable; {@code with...} methods return modified copies.
 */
public final class ParsedRequest extends ParsedMessage implements SipRequest {
    private final String method;
    private final String requestUri;
    private SipUri parsedUri;

    ParsedRequest(String method, String requestUri, HeaderFields fields, byte[] body) {
        this(method, requestUri, fields, body, null);
    }

    ParsedRequest(String method, String requestUri, HeaderFields fields, byte[] body, SipUri parsedUri) {
        super(fields, body);
        this.method = Objects.requireNonNull(method, "method");
        this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
        this.parsedUri = parsedUri;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String requestUri() {
        return requestUri;
    }

    /**
     * @return the Request-URI parsed, or {@code null} when its scheme is not sip, sips or tel (the
     *         core answers {@code 416 Unsupported URI Scheme}, RFC 3261 §8.2.2.1)
     * @throws SipSyntaxException if it is a SIP URI but malformed
     */
    public SipUri requestSipUri() {
        SipUri u = parsedUri;
        if (u == null && SipUri.isSupportedScheme(requestUri)) {
            u = SipUri.parse(requestUri);
            parsedUri = u;
        }
        return u;
    }

    @Override
    public String startLine() {
        return method + " " + requestUri + " SIP/2.0";
    }

    /**
     * @return a copy where the field has exactly this one value (replacing all its lines in place, or
     *         appended when absent)
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    public ParsedRequest withHeader(String name, String value) {
        checkHeader(name, value);
        return new ParsedRequest(method, requestUri, fields.with(name, value), body, parsedUri);
    }

    /** @return a copy with one more line for the field, after its existing lines */
    public ParsedRequest addHeader(String name, String value) {
        checkHeader(name, value);
        return new ParsedRequest(method, requestUri, fields.add(name, value), body, parsedUri);
    }

    /** @return a copy without any line of the field */
    public ParsedRequest withoutHeader(String name) {
        return new ParsedRequest(method, requestUri, fields.without(name), body, parsedUri);
    }

    /** @return a copy with another Request-URI (e.g. after route processing) */
    public ParsedRequest withRequestUri(String uri) {
        if (uri == null || !SipUri.isAbsoluteUri(uri)) {
            throw new IllegalArgumentException("invalid Request-URI");
        }
        return new ParsedRequest(method, uri, fields, body);
    }
}
