package dev.siprec.sip.codec;

/** {@code delta-seconds = 1*DIGIT} (RFC 3261 §25.1), capped at 2^32-1 as RFC 3261 §20.19 suggests. */
final class DeltaSeconds {
    static final long MAX = 0xFFFFFFFFL;

    private DeltaSeconds() {
    }

    static long parse(Cursor c) {
        c.ws();
        String s = c.text();
        int start = c.pos();
        int p = start;
        while (p < s.length() && Chars.isDigit(s.charAt(p))) {
            p++;
        }
        if (p == start) {
            throw c.error("expected delta-seconds");
        }
        c.pos(p);
        long v = SipParser.decimal(s.substring(start, p), 10);
        return Math.min(v, MAX);
    }
}
