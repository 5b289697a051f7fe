package dev.siprec.sip.codec;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One part of a multipart body (RFC 2046 §5.1), immutable.
 *
 * @param headers the part's header fields, looked up case-insensitively; a repeated field holds its
 *        values joined with {@code ", "}
 * @param contentType the {@code Content-Type} value as sent, or {@code null} when absent (RFC 2046
 *        §5.1 then implies {@code text/plain; charset=us-ascii})
 * @param contentDisposition the {@code Content-Disposition} value as sent (RFC 3261 §20.11,
 *        RFC 7866 §9 uses {@code recording-session}), or {@code null}
 * @param body the part's content, without the CRLF that precedes the next delimiter
 */
public record BodyPart(Map<String, String> headers, String contentType, String contentDisposition, byte[] body) {

    /** Copies the headers into a case-insensitive map and the body into a private array. */
    public BodyPart {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** @return a copy of the content */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the content length in bytes */
    public int length() {
        return body.length;
    }

    /** @return the media type without parameters, lower case; {@code text/plain} when absent (RFC 2046 §5.1) */
    public String mediaType() {
        if (contentType == null) {
            return "text/plain";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** @return the disposition type lower case (e.g. {@code session}, {@code recording-session}), or {@code null} */
    public String dispositionType() {
        if (contentDisposition == null) {
            return null;
        }
        int semi = contentDisposition.indexOf(';');
        return (semi < 0 ? contentDisposition : contentDisposition.substring(0, semi)).strip()
                .toLowerCase(Locale.ROOT);
    }

    /** @return the named header's value, or {@code null} */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyPart other && headers.equals(other.headers) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(body);
    }

    /** @return media type and size only (content may be personal data) */
    @Override
    public String toString() {
        return "BodyPart[" + mediaType() + ", " + body.length + " bytes]";
    }
}
