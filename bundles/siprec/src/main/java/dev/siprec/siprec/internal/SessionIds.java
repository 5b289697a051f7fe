package dev.siprec.siprec.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/**
 * Server ids of recording sessions: {@code <UTC time>-<sanitized Call-ID prefix>-<random>}, made of
 * {@code [A-Za-z0-9._-]} only, so they are safe as folder names on every file system (Call-IDs and
 * RFC 7865 ids carry {@code /}, {@code +}, {@code @} and {@code =}), and unique.
 */
final class SessionIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    /**
     * @param taken tells whether an id is in use
     */
    String next(Instant now, String callId, Predicate<String> taken) {
        String prefix = TIME.format(now) + "-" + nonEmpty(sanitize(callId, 24));
        while (true) {
            StringBuilder id = new StringBuilder(prefix).append('-');
            for (int i = 0; i < 6; i++) {
                id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = id.toString();
            if (!taken.test(s)) {
                return s;
            }
        }
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? "call" : s;
    }

    /**
     * @return {@code value} with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _},
     *         leading dots removed (no hidden or relative names), cut to {@code max} characters
     */
    static String sanitize(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.';
            if (c == '.' && b.length() == 0) {
                continue;
            }
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
