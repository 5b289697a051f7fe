package dev.siprec.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses one whole SIP message (RFC 3261 §7): a UDP datagram, or one message cut from a stream by
 * {@link StreamFramer}. Byte-level scanning with the limits of {@link SipLimits}; never throws for
 * bad input, every problem is a {@link ParseResult.Failure} with the status the stack answers
 * (RFC 3261 §8.2, §21). Header values other than those every request needs ({@code Via},
 * {@code From}, {@code To}, {@code Call-ID}, {@code CSeq}) are parsed lazily.
 *
 * <p>Datagram rules (RFC 3261 §18.3): a body longer than {@code Content-Length} is truncated to it,
 * a shorter one is a {@code 400}; without {@code Content-Length} the body is the rest of the datagram.
 * Thread-safe: one parser can serve every I/O thread.
 */
public final class SipParser {
    private final SipLimits limits;

    /** @param limits size limits; see {@link SipLimits#defaults()} */
    public SipParser(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return the limits this parser enforces */
    public SipLimits limits() {
        return limits;
    }

    /**
     * @param message exactly one message; not modified and not retained
     * @return the parsed message or a failure with its status code
     */
    public ParseResult parse(byte[] message) {
        return parse(message, 0, message.length);
    }

    /**
     * @param buf buffer holding one message in {@code [offset, offset + length)}; not retained
     * @return the parsed message or a failure with its status code
     */
    public ParseResult parse(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        int end = offset + length;
        int p = offset;
        while (p < end && (buf[p] == '\r' || buf[p] == '\n')) {
            p++;
        }
        if (p == end) {
            return new ParseResult.Failure(400, "Empty message", null);
        }
        int lf = HeaderScanner.lineEnd(buf, p, Math.min(end, p + limits.maxLineLength() + 1));
        if (lf < 0) {
            boolean tooLong = end - p > limits.maxLineLength();
            return new ParseResult.Failure(tooLong ? 513 : 400, tooLong ? "Start line too long" : "Truncated start line",
                    null);
        }
        int stop = lf > p && buf[lf - 1] == '\r' ? lf - 1 : lf;
        StartLine start = StartLine.parse(buf, p, stop);
        if (start.status() != 0) {
            ParsedRequest partial = start.isRequest() ? Salvage.partial(start, buf, lf + 1, end, limits) : null;
            return new ParseResult.Failure(start.status(), start.reason(), partial);
        }
        HeaderScanner scanner = new HeaderScanner(buf, lf + 1, end, limits);
        if (!scanner.scan(p)) {
            return failure(start, scanner.status(), scanner.reason(), buf, lf + 1, end);
        }
        HeaderFields fields = scanner.fields();
        int bodyStart = scanner.pos();
        int available = end - bodyStart;
        int bodyLength;
        String contentLength = fields.firstLine("Content-Length");
        if (contentLength != null) {
            long cl = contentLength(fields);
            if (cl == -2) {
                return failure(start, 400, "Conflicting Content-Length values", buf, lf + 1, end);
            }
            if (cl < 0) {
                return failure(start, 400, "Invalid Content-Length", buf, lf + 1, end);
            }
            if (cl > limits.maxMessageBytes() - (bodyStart - p)) {
                return failure(start, 413, "Message body too large", buf, lf + 1, end);
            }
            if (cl > available) {
                return failure(start, 400, "Content-Length exceeds the body received", buf, lf + 1, end);
            }
            bodyLength = (int) cl;
        } else {
            if (available > limits.maxMessageBytes() - (bodyStart - p)) {
                return failure(start, 413, "Message body too large", buf, lf + 1, end);
            }
            bodyLength = available;
        }
        byte[] body = bodyLength == 0 ? NO_BODY : Arrays.copyOfRange(buf, bodyStart, bodyStart + bodyLength);
        ParsedMessage msg = start.isRequest()
                ? new ParsedRequest(start.method(), start.uri(), fields, body, start.sipUri())
                : new ParsedResponse(start.code(), start.reasonPhrase(), fields, body);
        String problem = MessageChecks.check(msg);
        if (problem != null) {
            return failure(start, 400, problem, buf, lf + 1, end);
        }
        return new ParseResult.Success(msg);
    }

    /**
     * @return whether the bytes are only CR and LF: a keep-alive (RFC 5626 §4.4.1; over UDP often a
     *         bare CRLF or CRLFCRLF) that is not a message and gets no answer. {@link #parse} reports
     *         such input as {@code 400 "Empty message"} without a partial request.
     */
    public static boolean isKeepAlive(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] != '\r' && buf[i] != '\n') {
                return false;
            }
        }
        return length > 0;
    }

    static final byte[] NO_BODY = new byte[0];

    private ParseResult failure(StartLine start, int status, String reason, byte[] buf, int from, int end) {
        ParsedRequest partial = start.isRequest() ? Salvage.partial(start, buf, from, end, limits) : null;
        return new ParseResult.Failure(status, reason, partial);
    }

    /** @return the value; -1 malformed; -2 repeated with different values */
    private static long contentLength(HeaderFields fields) {
        long found = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.name(i) == "Content-Length") {
                long v = decimal(fields.value(i), 10);
                if (v < 0) {
                    return -1;
                }
                if (found >= 0 && found != v) {
                    return -2;
                }
                found = v;
            }
        }
        return found;
    }

    /** @return the value of 1*DIGIT of at most {@code maxDigits} digits (leading zeros ignored), or -1 */
    static long decimal(String s, int maxDigits) {
        int n = s.length();
        if (n == 0) {
            return -1;
        }
        int i = 0;
        while (i < n - 1 && s.charAt(i) == '0') {
            i++;
        }
        if (n - i > maxDigits) {
            for (int k = i; k < n; k++) {
                if (!Chars.isDigit(s.charAt(k))) {
                    return -1;
                }
            }
            return Long.MAX_VALUE;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!Chars.isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
