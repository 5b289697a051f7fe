package dev.siprec.sip.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * A {@code Content-Type} value (RFC 3261 §20.15, RFC 2045 §5.1): type and subtype lower case, with
 * parameters such as {@code boundary} and {@code charset}.
 *
 * @param type e.g. {@code multipart}
 * @param subtype e.g. {@code mixed}
 * @param params parameters in order
 */
public record ContentType(String type, String subtype, Parameters params) {

    /** Lower-cases type and subtype and validates them as tokens. */
    public ContentType {
        Objects.requireNonNull(params, "params");
        if (type == null || subtype == null || !HeaderNames.isToken(type) || !HeaderNames.isToken(subtype)) {
            throw new SipSyntaxException("Content-Type: invalid media type");
        }
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
    }

    /**
     * @param value e.g. {@code multipart/mixed;boundary="foobar"}
     * @return the parsed value
     * @throws SipSyntaxException if malformed
     */
    public static ContentType parse(String value) {
        Objects.requireNonNull(value, "value");
        Cursor c = new Cursor(value, "Content-Type");
        c.ws();
        String type = c.token();
        c.expectSep('/');
        String subtype = c.token();
        Parameters params = Parameters.parse(c);
        c.expectEnd();
        return new ContentType(type, subtype, params);
    }

    /** @return a media type without parameters, e.g. {@code application/sdp} */
    public static ContentType of(String mediaType) {
        return parse(mediaType);
    }

    /** @return {@code type/subtype}, lower case */
    public String mediaType() {
        return type + "/" + subtype;
    }

    /** @return whether this is {@code type/subtype}, ignoring case */
    public boolean is(String mediaType) {
        return mediaType().equalsIgnoreCase(mediaType);
    }

    /** @return whether the type is {@code multipart} (RFC 2046 §5.1) */
    public boolean isMultipart() {
        return "multipart".equals(type);
    }

    /** @return the named parameter unquoted, or {@code null} */
    public String param(String name) {
        return params.get(name);
    }

    /** @return the {@code boundary} parameter unquoted (RFC 2046 §5.1.1), or {@code null} */
    public String boundary() {
        return params.get("boundary");
    }

    /** @return the {@code charset} parameter unquoted, or {@code null} */
    public String charset() {
        return params.get("charset");
    }

    /** @return a copy with a parameter set ({@code value} a token or quoted string) */
    public ContentType withParam(String name, String value) {
        return new ContentType(type, subtype, params.with(name, value));
    }

    /** @return wire form, e.g. {@code multipart/mixed;boundary=unique-boundary-1} */
    @Override
    public String toString() {
        return type + "/" + subtype + params;
    }
}
