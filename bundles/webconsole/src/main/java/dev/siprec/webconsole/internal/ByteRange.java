package dev.siprec.webconsole.internal;

import java.util.Optional;

/**
 * One satisfiable byte range of a representation (RFC 9110 §14.1.2), first and last byte inclusive.
 *
 * @param first offset of the first byte
 * @param last offset of the last byte, {@code >= first}
 */
record ByteRange(long first, long last) {

    /** The longest {@code Range} header value looked at; longer ones are ignored (full response). */
    static final int MAX_HEADER = 200;

    long length() {
        return last - first + 1;
    }

    /** @return the {@code Content-Range} value for this range of a representation of {@code size} bytes */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** What a {@code Range} header asks of a representation. */
    sealed interface Result permits Full, Partial, Unsatisfiable {
    }

    /** No usable range: send the whole representation with 200 (also for several ranges, RFC 9110 §14.2 allows it). */
    record Full() implements Result {
    }

    /** One range: 206 with {@code Content-Range}. */
    record Partial(ByteRange range) implements Result {
    }

    /** A well-formed range that lies outside the representation: 416 with {@code Content-Range: bytes * /size}. */
    record Unsatisfiable() implements Result {
    }

    /**
     * Parses a {@code Range} header for a representation of {@code size} bytes: {@code bytes=a-b},
     * {@code bytes=a-} or {@code bytes=-n} (the last n bytes). A last position beyond the end is cut
     * to the end. Anything malformed, another unit or more than one range gives {@link Full}.
     */
    static Result parse(String header, long size) {
        if (header == null || header.length() > MAX_HEADER) {
            return new Full();
        }
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return new Full();
        }
        String spec = h.substring(eq + 1).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Full();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Full();
        }
        Optional<Long> a = number(spec.substring(0, dash).strip());
        Optional<Long> b = number(spec.substring(dash + 1).strip());
        boolean hasA = dash > 0;
        boolean hasB = dash < spec.length() - 1;
        if ((hasA && a.isEmpty()) || (hasB && b.isEmpty()) || (!hasA && !hasB)) {
            return new Full();
        }
        if (!hasA) { // suffix: the last n bytes
            long n = b.get();
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
        }
        long first = a.get();
        if (hasB && b.get() < first) {
            return new Full(); // invalid range-spec: ignore the header
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        long last = hasB ? Math.min(b.get(), size - 1) : size - 1;
        return new Partial(new ByteRange(first, last));
    }

    private static Optional<Long> number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(s));
    }
}
