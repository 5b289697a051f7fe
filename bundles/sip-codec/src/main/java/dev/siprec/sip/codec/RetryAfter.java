package dev.siprec.sip.codec;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code Retry-After} value (RFC 3261 §20.33): seconds, an optional comment, parameters
 * including {@code duration}.
 *
 * @param seconds how long to wait before retrying
 * @param comment the comment without parentheses, or {@code null}
 * @param params parameters in order
 */
public record RetryAfter(long seconds, String comment, Parameters params) {

    /** Validates the comment (no CR/LF, balanced parentheses are the caller's business). */
    public RetryAfter {
        Objects.requireNonNull(params, "params");
        if (seconds < 0) {
            throw new SipSyntaxException("Retry-After: negative");
        }
        if (comment != null && (comment.indexOf('\r') >= 0 || comment.indexOf('\n') >= 0)) {
            throw new SipSyntaxException("Retry-After: CR or LF in comment");
        }
    }

    /**
     * @param value e.g. {@code 18000;duration=3600} or {@code 120 (I'm in a meeting)}
     * @return the parsed value
     * @throws SipSyntaxException if malformed
     */
    public static RetryAfter parse(String value) {
        Cursor c = new Cursor(Objects.requireNonNull(value, "value"), "Retry-After");
        long seconds = DeltaSeconds.parse(c);
        c.ws();
        String comment = null;
        if (c.peek() == '(') {
            comment = comment(c);
        }
        Parameters params = Parameters.parse(c);
        c.expectEnd();
        String d = params.get("duration");
        if (d != null && SipParser.decimal(d, 10) < 0) {
            throw c.error("bad duration");
        }
        return new RetryAfter(seconds, comment, params);
    }

    private static String comment(Cursor c) {
        int depth = 0;
        int start = c.pos() + 1;
        while (true) {
            int ch = c.next();
            if (ch < 0) {
                throw c.error("unterminated comment");
            }
            if (ch == '\\') {
                c.next();
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return c.text().substring(start, c.pos() - 1);
            }
        }
    }

    /** @return a value of {@code seconds} without comment or parameters */
    public static RetryAfter of(long seconds) {
        return new RetryAfter(seconds, null, Parameters.EMPTY);
    }

    /** @return the {@code duration} parameter, if present */
    public OptionalLong duration() {
        String d = params.get("duration");
        return d == null ? OptionalLong.empty() : OptionalLong.of(SipParser.decimal(d, 10));
    }

    @Override
    public String toString() {
        return seconds + (comment == null ? "" : " (" + comment + ")") + params;
    }
}
