package dev.siprec.sip.codec;

import java.util.List;
import java.util.Objects;

import dev.siprec.sip.api.SipMessage;
import dev.siprec.sip.api.SipRequest;

/**
 * Builds a request or response to send (RFC 3261 §8.1.1, §8.2.6). Header values are written as
 * given after validation (no CR, LF or NUL: no header injection); {@code Content-Length} is always
 * computed from the body. Not thread-safe; {@link #build()} returns an immutable message.
 */
public final class SipMessageBuilder {
    private final String method;
    private final String requestUri;
    private final int status;
    private final String reason;
    private HeaderFields fields = HeaderFields.EMPTY;
    private byte[] body = SipParser.NO_BODY;

    private SipMessageBuilder(String method, String requestUri, int status, String reason) {
        this.method = method;
        this.requestUri = requestUri;
        this.status = status;
        this.reason = reason;
    }

    /**
     * @param method a token, e.g. {@code BYE}
     * @param requestUri an absolute URI
     * @return a builder for a request
     * @throws IllegalArgumentException if the method is not a token or the URI is not an absolute URI
     */
    public static SipMessageBuilder request(String method, String requestUri) {
        if (method == null || !HeaderNames.isToken(method)) {
            throw new IllegalArgumentException("invalid method");
        }
        if (requestUri == null || !SipUri.isAbsoluteUri(requestUri)) {
            throw new IllegalArgumentException("invalid Request-URI");
        }
        return new SipMessageBuilder(method, requestUri, 0, null);
    }

    /**
     * @param status 100–699
     * @param reason reason phrase, or {@code null} for {@link #reasonPhrase(int)}
     * @return a builder for a response
     */
    public static SipMessageBuilder response(int status, String reason) {
        String r = reason == null ? ReasonPhrases.of(status) : reason;
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status code out of range: " + status);
        }
        for (int i = 0; i < r.length(); i++) {
            if (r.charAt(i) < 0x20 && r.charAt(i) != '\t' || r.charAt(i) == 0x7f) {
                throw new IllegalArgumentException("reason phrase contains a control character");
            }
        }
        return new SipMessageBuilder(null, null, status, r);
    }

    /**
     * A response to {@code request} with {@code Via} (all values, in order), {@code From}, {@code To},
     * {@code Call-ID} and {@code CSeq} copied (RFC 3261 §8.2.6.2).
     */
    public static SipMessageBuilder responseTo(SipRequest request, int status, String reason) {
        SipMessageBuilder b = response(status, reason);
        for (String via : request.headers("Via")) {
            b.addHeader("Via", via);
        }
        for (String name : List.of("From", "To", "Call-ID", "CSeq")) {
            String v = request.header(name);
            if (v != null) {
                b.header(name, v);
            }
        }
        return b;
    }

    /** @return the default reason phrase of a status code (RFC 3261 §21 and extensions) */
    public static String reasonPhrase(int status) {
        return ReasonPhrases.of(status);
    }

    /**
     * Adds a {@code tag} to {@code To} unless it already has one (RFC 3261 §8.2.6.2). A {@code To} that
     * does not parse (an error response to a malformed request) gets {@code ;tag=} appended as text,
     * so that error responses can always be built.
     *
     * @throws IllegalArgumentException if the tag is not a token
     * @throws IllegalStateException if there is no {@code To}
     */
    public SipMessageBuilder toTag(String tag) {
        if (tag == null || !HeaderNames.isToken(tag)) {
            throw new IllegalArgumentException("tag must be a token");
        }
        String to = fields.firstLine("To");
        if (to == null) {
            throw new IllegalStateException("no To header to tag");
        }
        try {
            NameAddress na = NameAddress.parse(to);
            if (na.tag() == null) {
                fields = fields.with("To", na.withTag(tag).toString());
            }
        } catch (SipSyntaxException e) {
            fields = fields.with("To", to + ";tag=" + tag);
        }
        return this;
    }

    /**
     * Copies {@code Record-Route} values of the request, in order (RFC 3261 §12.1.1: a UAS copies them
     * into dialog-creating 2xx responses).
     */
    public SipMessageBuilder copyRecordRoute(SipMessage request) {
        for (String rr : request.headers("Record-Route")) {
            addHeader("Record-Route", rr);
        }
        return this;
    }

    /** Sets the field to this one value (replacing every line of it). Rejects CR, LF and NUL. */
    public SipMessageBuilder header(String name, String value) {
        ParsedMessage.checkHeader(name, value);
        if (HeaderNames.canonical(name).equals("Content-Length")) {
            return this;
        }
        fields = fields.with(name, value);
        return this;
    }

    /** Adds one more line of the field after its existing lines. Rejects CR, LF and NUL. */
    public SipMessageBuilder addHeader(String name, String value) {
        ParsedMessage.checkHeader(name, value);
        if (HeaderNames.canonical(name).equals("Content-Length")) {
            return this;
        }
        fields = fields.add(name, value);
        return this;
    }

    /** Removes every line of the field. */
    public SipMessageBuilder removeHeader(String name) {
        fields = fields.without(name);
        return this;
    }

    /**
     * @param contentType e.g. {@code application/sdp}; validated as a {@link ContentType}
     * @param body the body, copied
     */
    public SipMessageBuilder body(String contentType, byte[] body) {
        Objects.requireNonNull(body, "body");
        ContentType.parse(contentType);
        header("Content-Type", contentType);
        this.body = body.length == 0 ? SipParser.NO_BODY : body.clone();
        return this;
    }

    /** Removes the body and its {@code Content-Type}. */
    public SipMessageBuilder noBody() {
        body = SipParser.NO_BODY;
        fields = fields.without("Content-Type");
        return this;
    }

    /** @return the message ({@link ParsedRequest} or {@link ParsedResponse}), with {@code Content-Length} set */
    public SipMessage build() {
        HeaderFields f = fields.with("Content-Length", Integer.toString(body.length));
        if (method != null) {
            return new ParsedRequest(method, requestUri, f, body);
        }
        return new ParsedResponse(status, reason, f, body);
    }

    /** @return the built message in wire form */
    public byte[] encode() {
        return build().encode();
    }

    @Override
    public String toString() {
        return "SipMessageBuilder[" + (method != null ? method + " " + requestUri : status + " " + reason) + ", "
                + fields.size() + " headers, " + body.length + " body bytes]";
    }

}
