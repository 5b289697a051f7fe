package dev.siprec.sip.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/** {@code %HH} escapes in URIs (RFC 3261 §19.1.2, §25.1 {@code escaped}). */
final class UriEscapes {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEscapes() {
    }

    /**
     * Validates that every character of {@code s[from,to)} is allowed or part of a well-formed escape.
     *
     * @return whether the range contains at least one escape
     */
    static boolean check(String s, int from, int to, IntPredicate allowed, String what) {
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw new SipSyntaxException(what + ": truncated escape");
                }
                if (Chars.hexValue(s.charAt(i + 1)) < 0 || Chars.hexValue(s.charAt(i + 2)) < 0) {
                    throw new SipSyntaxException(what + ": bad escape");
                }
                i += 2;
                escaped = true;
            } else if (!allowed.test(c)) {
                throw new SipSyntaxException(what + ": invalid character");
            }
        }
        return escaped;
    }

    /** @return the text with escapes decoded as UTF-8 (RFC 3261 §19.1.4: escaped and unescaped forms are equal) */
    static String unescape(String s) {
        int first = s.indexOf('%');
        if (first < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                int hi = Chars.hexValue(raw[i + 1]);
                int lo = Chars.hexValue(raw[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(raw[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the text with every character outside {@code allowed} written as UTF-8 {@code %HH} escapes */
    static String escape(String s, IntPredicate allowed) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            clean = s.charAt(i) < 0x80 && allowed.test(s.charAt(i));
        }
        if (clean) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && allowed.test(c)) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return b.toString();
    }
}
