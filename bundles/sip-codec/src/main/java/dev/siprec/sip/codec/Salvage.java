package dev.siprec.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Best-effort recovery of what an error response needs (RFC 3261 §8.2.6.2: {@code Via},
 * {@code From}, {@code To}, {@code Call-ID}, {@code CSeq}) from a request that failed to parse.
 * Lenient and bounded: malformed lines are skipped, at most the header limits are read.
 */
final class Salvage {
    private static final String[] WANTED = {"Via", "From", "To", "Call-ID", "CSeq"};

    private Salvage() {
    }

    static ParsedRequest partial(StartLine start, byte[] b, int from, int end, SipLimits limits) {
        if (start.method() == null) {
            return null;
        }
        String[] names = new String[8];
        String[] values = new String[8];
        int count = 0;
        int maxEnd = (int) Math.min(end, (long) from + limits.maxHeaderBytes());
        int p = from;
        int lines = 0;
        while (p < maxEnd && lines++ < limits.maxHeaders()) {
            int lf = HeaderScanner.lineEnd(b, p, maxEnd);
            int stop = lf < 0 ? maxEnd : lf;
            int lineStop = stop > p && b[stop - 1] == '\r' ? stop - 1 : stop;
            if (lineStop == p) {
                break;
            }
            String name = nameOf(b, p, lineStop);
            if (name != null && lineStop - p <= limits.maxLineLength()) {
                int colon = p;
                while (b[colon] != ':') {
                    colon++;
                }
                String value = clean(b, colon + 1, lineStop);
                if (value != null && !value.isEmpty()) {
                    if (count == names.length) {
                        names = Arrays.copyOf(names, count * 2);
                        values = Arrays.copyOf(values, count * 2);
                    }
                    names[count] = name;
                    values[count++] = value;
                }
            }
            if (lf < 0) {
                break;
            }
            p = lf + 1;
        }
        String uri = start.uri() == null ? "" : start.uri();
        return new ParsedRequest(start.method(), uri, new HeaderFields(names, values, count), SipParser.NO_BODY);
    }

    /** @return the canonical name when the line is {@code token *WS ":"} for a wanted field, else null */
    private static String nameOf(byte[] b, int from, int to) {
        int p = from;
        while (p < to && Chars.isToken(b[p])) {
            p++;
        }
        if (p == from) {
            return null;
        }
        int nameEnd = p;
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p >= to || b[p] != ':') {
            return null;
        }
        String canon = HeaderNames.canonical(b, from, nameEnd - from);
        for (String w : WANTED) {
            if (w == canon) {
                return canon;
            }
        }
        return null;
    }

    private static String clean(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] >= 0 && b[i] < 0x20 && b[i] != '\t' || b[i] == 0x7f) {
                return null;
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8).strip();
    }
}
