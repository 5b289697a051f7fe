package dev.siprec.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a {@code multipart/*} body (RFC 2046 §5.1) into its parts: any valid boundary (quoted or
 * not), preamble and epilogue ignored, per-part headers, CRLF or bare LF line ends. One level of
 * nested multipart is flattened into the result in place of its container; deeper nesting, more than
 * {@link SipLimits#maxBodyParts()} parts, or a missing close delimiter is a {@link SipSyntaxException}.
 * Thread-safe.
 */
public final class MultipartParser {
    private static final int MAX_DEPTH = 1;

    private final SipLimits limits;

    /** @param limits {@code maxBodyParts}, {@code maxHeaders} and {@code maxLineLength} apply to parts */
    public MultipartParser(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param contentType the message's {@code Content-Type} value, e.g.
     *        {@code multipart/mixed;boundary=foobar}
     * @param body the message body
     * @return the parts in order
     * @throws SipSyntaxException if the type is not multipart, the boundary is missing or invalid, or
     *         the body is malformed
     */
    public List<BodyPart> parse(String contentType, byte[] body) {
        return parse(ContentType.parse(contentType), body);
    }

    /** @see #parse(String, byte[]) */
    public List<BodyPart> parse(ContentType contentType, byte[] body) {
        Objects.requireNonNull(body, "body");
        List<BodyPart> out = new ArrayList<>(4);
        split(contentType, body, 0, out);
        return List.copyOf(out);
    }

    /**
     * Splits the body of a message by its own {@code Content-Type}, without copying the body first.
     *
     * @throws SipSyntaxException if the message has no multipart {@code Content-Type} or the body is malformed
     */
    public List<BodyPart> parse(ParsedMessage message) {
        ContentType type = message.contentTypeHeader()
                .orElseThrow(() -> new SipSyntaxException("multipart: message has no Content-Type"));
        List<BodyPart> out = new ArrayList<>(4);
        split(type, message.body, 0, out);
        return List.copyOf(out);
    }

    /** @return whether {@code message}'s body is multipart */
    public static boolean isMultipart(ParsedMessage message) {
        return message.contentType().map(t -> t.startsWith("multipart/")).orElse(false);
    }

    private void split(ContentType type, byte[] body, int depth, List<BodyPart> out) {
        if (!type.isMultipart()) {
            throw new SipSyntaxException("multipart: not a multipart content type");
        }
        String boundary = type.boundary();
        if (boundary == null) {
            throw new SipSyntaxException("multipart: missing boundary parameter");
        }
        byte[] delimiter = ("--" + validBoundary(boundary)).getBytes(StandardCharsets.US_ASCII);
        int[] next = new int[2];
        int at = findDelimiter(body, delimiter, 0, next);
        if (at < 0) {
            throw new SipSyntaxException("multipart: no delimiter found");
        }
        if (next[1] == 1) {
            throw new SipSyntaxException("multipart: no body parts");
        }
        int partStart = next[0];
        while (true) {
            int end = findDelimiter(body, delimiter, partStart, next);
            if (end < 0) {
                end = trailingClose(body, delimiter, partStart);
                next[0] = body.length;
                next[1] = 1;
            }
            int contentEnd = end;
            if (contentEnd > partStart && body[contentEnd - 1] == '\n') {
                contentEnd--;
                if (contentEnd > partStart && body[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
            }
            addPart(body, partStart, Math.max(partStart, contentEnd), depth, out);
            if (next[1] == 1) {
                return;
            }
            partStart = next[0];
        }
    }

    private static String validBoundary(String b) {
        if (b.isEmpty() || b.length() > 70 || b.charAt(b.length() - 1) == ' ') {
            throw new SipSyntaxException("multipart: invalid boundary");
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            boolean ok = Chars.isAlpha(c) || Chars.isDigit(c) || "'()+_,-./:=? ".indexOf(c) >= 0;
            if (!ok) {
                throw new SipSyntaxException("multipart: invalid boundary");
            }
        }
        return b;
    }

    /**
     * Finds the next delimiter line at or after {@code from}: at the start of the body or right after
     * a LF, followed by optional {@code --}, optional white space and a line end (or the end of body).
     *
     * @param next out: [0] index after the delimiter line, [1] 1 if it is the close delimiter
     * @return index of the delimiter's first dash, or -1
     */
    private static int findDelimiter(byte[] b, byte[] delimiter, int from, int[] next) {
        int last = b.length - delimiter.length;
        for (int i = from; i <= last; i++) {
            if ((i == 0 || b[i - 1] == '\n') && b[i] == '-' && startsWith(b, i, delimiter)) {
                int p = i + delimiter.length;
                boolean close = p + 1 < b.length && b[p] == '-' && b[p + 1] == '-';
                if (close) {
                    p += 2;
                }
                while (p < b.length && (b[p] == ' ' || b[p] == '\t')) {
                    p++;
                }
                if (p == b.length || b[p] == '\n' || b[p] == '\r' && p + 1 < b.length && b[p + 1] == '\n') {
                    next[0] = p == b.length ? p : b[p] == '\n' ? p + 1 : p + 2;
                    next[1] = close ? 1 : 0;
                    return i;
                }
                if (close) {
                    // Close delimiter followed by junk on the same line: RFC 2046 makes the rest epilogue.
                    next[0] = b.length;
                    next[1] = 1;
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Tolerates a close delimiter that ends the body without the CRLF RFC 2046 requires before it (as
     * in RFC 4475 §3.1.1.11, where binary content runs into {@code --boundary--}).
     *
     * @return the index of the close delimiter
     * @throws SipSyntaxException if the body does not end with one
     */
    private static int trailingClose(byte[] b, byte[] delimiter, int from) {
        int end = b.length;
        while (end > from && (b[end - 1] == '\r' || b[end - 1] == '\n' || b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        int at = end - delimiter.length - 2;
        if (at >= from && b[end - 1] == '-' && b[end - 2] == '-' && startsWith(b, at, delimiter)) {
            return at;
        }
        throw new SipSyntaxException("multipart: missing close delimiter");
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        return Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private void addPart(byte[] body, int from, int to, int depth, List<BodyPart> out) {
        Map<String, String> headers = new LinkedHashMap<>();
        int p = from;
        int lines = 0;
        while (p < to) {
            int lf = HeaderScanner.lineEnd(body, p, to);
            int stop = lf < 0 ? to : lf;
            int lineStop = stop > p && body[stop - 1] == '\r' ? stop - 1 : stop;
            if (lineStop == p) {
                p = lf < 0 ? to : lf + 1;
                break;
            }
            if (lineStop - p > limits.maxLineLength() || ++lines > limits.maxHeaders()) {
                throw new SipSyntaxException("multipart: part header section too large");
            }
            if (lf < 0) {
                throw new SipSyntaxException("multipart: part headers without an empty line");
            }
            if (body[p] == ' ' || body[p] == '\t') {
                if (headers.isEmpty()) {
                    throw new SipSyntaxException("multipart: continuation line without a header field");
                }
                String lastKey = null;
                for (String k : headers.keySet()) {
                    lastKey = k;
                }
                headers.put(lastKey, headers.get(lastKey) + " " + text(body, p, lineStop));
            } else {
                header(body, p, lineStop, headers);
            }
            p = lf + 1;
        }
        int contentStart = Math.min(p, to);
        String ct = get(headers, "Content-Type");
        if (ct != null && ct.regionMatches(true, 0, "multipart/", 0, 10)) {
            if (depth >= MAX_DEPTH) {
                throw new SipSyntaxException("multipart: nested too deeply");
            }
            split(ContentType.parse(ct), Arrays.copyOfRange(body, contentStart, to), depth + 1, out);
            return;
        }
        if (out.size() >= limits.maxBodyParts()) {
            throw new SipSyntaxException("multipart: more than " + limits.maxBodyParts() + " parts");
        }
        out.add(new BodyPart(headers, ct, get(headers, "Content-Disposition"),
                Arrays.copyOfRange(body, contentStart, to)));
    }

    private static void header(byte[] b, int from, int to, Map<String, String> headers) {
        int p = from;
        while (p < to && Chars.isToken(b[p])) {
            p++;
        }
        int nameEnd = p;
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (nameEnd == from || p >= to || b[p] != ':') {
            throw new SipSyntaxException("multipart: malformed part header");
        }
        String name = SipParser.ascii(b, from, nameEnd);
        String value = text(b, p + 1, to);
        String existing = get(headers, name);
        if (existing != null) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            value = existing + ", " + value;
        }
        headers.put(name, value);
    }

    private static String get(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] >= 0 && b[i] < 0x20 && b[i] != '\t' || b[i] == 0x7f) {
                throw new SipSyntaxException("multipart: control character in part header");
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8).strip();
    }
}
