package dev.siprec.sip.codec;

/**
 * A scanner over one unfolded header value (RFC 3261 §25.1 lexical rules: tokens, quoted strings,
 * separators with optional white space around them). Every failure is a {@link SipSyntaxException}
 * naming the header, never the input.
 */
final class Cursor {
    private final String s;
    private final String what;
    private int pos;

    Cursor(String s, String what) {
        this.s = s;
        this.what = what;
    }

    int pos() {
        return pos;
    }

    void pos(int p) {
        pos = p;
    }

    String text() {
        return s;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    int next() {
        return pos < s.length() ? s.charAt(pos++) : -1;
    }

    SipSyntaxException error(String reason) {
        return new SipSyntaxException(what + ": " + reason);
    }

    /** skips SP / HT (folding is already unfolded into SP) */
    Cursor ws() {
        while (pos < s.length() && Chars.isWs(s.charAt(pos))) {
            pos++;
        }
        return this;
    }

    /** @return whether the next non-white character is {@code c}; consumes it and white space around */
    boolean sep(char c) {
        int save = pos;
        ws();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            ws();
            return true;
        }
        pos = save;
        return false;
    }

    void expectSep(char c) {
        if (!sep(c)) {
            throw error("expected '" + c + "'");
        }
    }

    void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    String token() {
        int start = pos;
        while (pos < s.length() && Chars.isToken(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a token");
        }
        return s.substring(start, pos);
    }

    boolean atToken() {
        return pos < s.length() && Chars.isToken(s.charAt(pos));
    }

    /** @return the quoted string including its quotes, escapes kept as sent */
    String quotedRaw() {
        int start = pos;
        expect('"');
        while (true) {
            int c = next();
            if (c < 0) {
                throw error("unterminated quoted string");
            }
            if (c == '"') {
                return s.substring(start, pos);
            }
            if (c == '\\') {
                int e = next();
                if (e < 0 || e > 0x7f || e == '\r' || e == '\n') {
                    throw error("bad quoted-pair");
                }
            } else if (c == '\r' || c == '\n' || c < 0x20 && c != '\t') {
                throw error("control character in quoted string");
            }
        }
    }

    /** @return the remaining text, trimmed of white space */
    String rest() {
        String r = s.substring(pos).strip();
        pos = s.length();
        return r;
    }

    void expectEnd() {
        ws();
        if (!atEnd()) {
            throw error("unexpected '" + printable(peek()) + "'");
        }
    }

    private static String printable(int c) {
        return c >= 0x21 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }

    /** @return {@code "a\"b"} for the raw text {@code "\"a\\\"b\""}: quotes removed, quoted-pairs resolved */
    static String unquote(String raw) {
        if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() - 1) {
                c = raw.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** @return {@code value} as a quoted-string, escaping {@code "} and {@code \} */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new SipSyntaxException("quoted string: CR or LF not allowed");
            }
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
