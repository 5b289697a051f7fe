package dev.siprec.sip.codec;

import java.util.Objects;

/**
 * The {@code CSeq} value (RFC 3261 §20.16): a sequence number below 2^31 and a method.
 *
 * @param number sequence number, 0 to 2^31-1 (RFC 3261 §8.1.1.5)
 * @param method request method, case-sensitive
 */
public record CSeq(long number, String method) {
    /** Largest sequence number (RFC 3261 §8.1.1.5). */
    public static final long MAX = (1L << 31) - 1;

    /** Validates the range and the method token. */
    public CSeq {
        if (number < 0 || number > MAX) {
            throw new SipSyntaxException("CSeq: number out of range");
        }
        Objects.requireNonNull(method, "method");
        if (!HeaderNames.isToken(method)) {
            throw new SipSyntaxException("CSeq: invalid method");
        }
    }

    /**
     * @param value e.g. {@code 4711 INVITE}
     * @return the parsed value
     * @throws SipSyntaxException if malformed or out of range
     */
    public static CSeq parse(String value) {
        Objects.requireNonNull(value, "value");
        Cursor c = new Cursor(value, "CSeq");
        c.ws();
        String s = value;
        int start = c.pos();
        int p = start;
        while (p < s.length() && Chars.isDigit(s.charAt(p))) {
            p++;
        }
        if (p == start) {
            throw c.error("missing number");
        }
        while (start < p - 1 && s.charAt(start) == '0') {
            start++;
        }
        if (p - start > 10) {
            throw c.error("number out of range");
        }
        long n = Long.parseLong(s, start, p, 10);
        if (n > MAX) {
            throw c.error("number out of range");
        }
        c.pos(p);
        int before = c.pos();
        c.ws();
        if (c.pos() == before) {
            throw c.error("missing white space before method");
        }
        String method = c.token();
        c.expectEnd();
        return new CSeq(n, method);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
