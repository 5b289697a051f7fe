package dev.siprec.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level scanning of a header section (RFC 3261 §7.3): physical lines ending in CRLF or a bare
 * LF, folded continuation lines, {@code name HCOLON value}. Produces canonical names and unfolded
 * values; every limit of {@link SipLimits} is checked here. Not thread-safe: one per parse.
 */
final class HeaderScanner {
    private final byte[] m;
    private final int end;
    private final SipLimits limits;
    private int pos;
    private String[] names = new String[24];
    private String[] values = new String[24];
    private int count;
    private int status;
    private String reason;

    HeaderScanner(byte[] m, int pos, int end, SipLimits limits) {
        this.m = m;
        this.pos = pos;
        this.end = end;
        this.limits = limits;
    }

    int pos() {
        return pos;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    HeaderFields fields() {
        return new HeaderFields(names, values, count);
    }

    /** @return index of the LF ending the line at {@code from}, or -1 */
    static int lineEnd(byte[] m, int from, int end) {
        for (int i = from; i < end; i++) {
            if (m[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fail(int st, String why) {
        status = st;
        reason = why;
        return false;
    }

    /**
     * Scans header lines up to and including the empty line.
     *
     * @param sectionStart where the message (start line) begins, for the header section limit
     * @return whether the header section was well formed; else {@link #status()} and {@link #reason()}
     */
    boolean scan(int sectionStart) {
        int maxEnd = (int) Math.min(end, (long) sectionStart + limits.maxHeaderBytes());
        while (true) {
            int lf = lineEnd(m, pos, maxEnd);
            if (lf < 0) {
                if (maxEnd < end) {
                    return fail(513, "Header section too large");
                }
                return fail(400, "Truncated header section (no empty line)");
            }
            int lineStop = lf > pos && m[lf - 1] == '\r' ? lf - 1 : lf;
            if (lf - pos > limits.maxLineLength()) {
                return fail(513, "Header line too long");
            }
            if (lineStop == pos) {
                pos = lf + 1;
                return true;
            }
            if (m[pos] == ' ' || m[pos] == '\t') {
                return fail(400, "Continuation line without a header field");
            }
            if (count >= limits.maxHeaders()) {
                return fail(513, "Too many header fields");
            }
            if (!header(lineStop, lf, maxEnd)) {
                return false;
            }
        }
    }

    /** Parses one header field starting at {@link #pos}, whose first line ends at {@code lf}. */
    private boolean header(int lineStop, int lf, int maxEnd) {
        int p = pos;
        while (p < lineStop && Chars.isToken(m[p])) {
            p++;
        }
        int nameEnd = p;
        if (nameEnd == pos) {
            return fail(400, "Malformed header field name");
        }
        while (p < lineStop && (m[p] == ' ' || m[p] == '\t')) {
            p++;
        }
        if (p >= lineStop || m[p] != ':') {
            return fail(400, "Malformed header field (missing colon)");
        }
        String name = HeaderNames.canonical(m, pos, nameEnd - pos);
        p++;
        int next = lf + 1;
        if (next >= maxEnd || (m[next] != ' ' && m[next] != '\t')) {
            // Common case: one physical line.
            String value = value(p, lineStop);
            if (value == null) {
                return false;
            }
            add(name, value);
            pos = next;
            return true;
        }
        StringBuilder b = new StringBuilder(128);
        String first = value(p, lineStop);
        if (first == null) {
            return false;
        }
        b.append(first);
        while (next < maxEnd && (m[next] == ' ' || m[next] == '\t')) {
            int nlf = lineEnd(m, next, maxEnd);
            if (nlf < 0) {
                return fail(maxEnd < end ? 513 : 400, maxEnd < end ? "Header section too large"
                        : "Truncated header section (no empty line)");
            }
            if (nlf - next > limits.maxLineLength()) {
                return fail(513, "Header line too long");
            }
            int stop = nlf > next && m[nlf - 1] == '\r' ? nlf - 1 : nlf;
            String more = value(next, stop);
            if (more == null) {
                return false;
            }
            if (!more.isEmpty()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(more);
            }
            next = nlf + 1;
        }
        add(name, b.toString());
        pos = next;
        return true;
    }

    /**
     * @return the bytes trimmed of SP/HT and decoded, or null after fail() for a bare CR. Other control
     *         characters are left to the typed parsers: RFC 3261 §25.1 allows them as quoted-pairs
     *         (RFC 4475 §3.1.1.2).
     */
    private String value(int from, int to) {
        while (from < to && (m[from] == ' ' || m[from] == '\t')) {
            from++;
        }
        while (to > from && (m[to - 1] == ' ' || m[to - 1] == '\t')) {
            to--;
        }
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            int c = m[i];
            if (c < 0) {
                ascii = false;
            } else if (c == '\r') {
                // A CR not followed by LF: ambiguous line end, the classic header injection vector.
                fail(400, "Bare CR in header field");
                return null;
            }
        }
        return new String(m, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private void add(String name, String value) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = name;
        values[count++] = value;
    }

    /**
     * Finds {@code Content-Length} (or {@code l}) in a header block without building strings, for
     * stream framing (RFC 3261 §18.3).
     *
     * @return the value; -1 if absent; -2 if malformed or repeated with different values
     */
    static long contentLength(byte[] m, int from, int to) {
        long found = -1;
        int p = from;
        // Skip the start line.
        int lf = lineEnd(m, p, to);
        if (lf < 0) {
            return -1;
        }
        p = lf + 1;
        while (p < to) {
            lf = lineEnd(m, p, to);
            if (lf < 0) {
                lf = to;
            }
            int n = p;
            while (n < lf && Chars.isToken(m[n])) {
                n++;
            }
            if (isContentLength(m, p, n - p)) {
                int v = n;
                while (v < lf && (m[v] == ' ' || m[v] == '\t')) {
                    v++;
                }
                if (v < lf && m[v] == ':') {
                    long value = digits(m, v + 1, lf, to);
                    if (value < 0 || found >= 0 && found != value) {
                        return -2;
                    }
                    found = value;
                }
            }
            p = lf + 1;
        }
        return found;
    }

    private static boolean isContentLength(byte[] m, int off, int len) {
        if (len == 1) {
            return (m[off] | 0x20) == 'l';
        }
        return len == 14 && HeaderNames.canonical(m, off, len) == "Content-Length";
    }

    /** Digits with LWS around them (continuation lines included); -1 if anything else. */
    private static long digits(byte[] m, int from, int lf, int to) {
        long value = -1;
        boolean done = false;
        int i = from;
        while (true) {
            int stop = lf;
            for (; i < stop; i++) {
                int c = m[i];
                if (c >= '0' && c <= '9') {
                    if (done) {
                        return -1;
                    }
                    // Saturate: any value this large is "too large" (413), not malformed.
                    value = value > 999_999_999_999L ? value : (value < 0 ? 0 : value * 10) + (c - '0');
                } else if (c == ' ' || c == '\t' || c == '\r' && i == stop - 1) {
                    done = value >= 0;
                } else {
                    return -1;
                }
            }
            int next = lf + 1;
            if (next < to && (m[next] == ' ' || m[next] == '\t')) {
                i = next;
                lf = lineEnd(m, next, to);
                if (lf < 0) {
                    lf = to;
                }
                done = value >= 0;
                continue;
            }
            return value;
        }
    }
}
