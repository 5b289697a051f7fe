package dev.siprec.sip.codec;

import java.util.List;
import java.util.Objects;

/**
 * The value of {@code From}, {@code To}, {@code Contact}, {@code Route}, {@code Record-Route} and
 * similar fields (RFC 3261 §20.10, §25.1 {@code name-addr / addr-spec}): an optional display name,
 * a URI and header parameters. Both forms are accepted: {@code "A" <sip:a@x>;tag=1} and
 * {@code sip:a@x;tag=1} (in the second, RFC 3261 §20 says semicolon parameters belong to the header,
 * not the URI). Immutable; {@link #toString()} is the wire form, always with angle brackets.
 */
public final class NameAddress {
    private final String displayRaw;
    private final String rawUri;
    private final SipUri uri;
    private final Parameters params;

    private NameAddress(String displayRaw, String rawUri, SipUri uri, Parameters params) {
        this.displayRaw = displayRaw;
        this.rawUri = rawUri;
        this.uri = uri;
        this.params = params;
    }

    /**
     * @param value one header value (not a comma-separated list)
     * @return the parsed value
     * @throws SipSyntaxException if malformed, or the URI is neither a valid SIP/SIPS/tel URI nor a
     *         valid absolute URI of another scheme
     */
    public static NameAddress parse(String value) {
        Objects.requireNonNull(value, "value");
        Cursor c = new Cursor(value, "name-addr");
        NameAddress na = parse(c);
        c.expectEnd();
        return na;
    }

    /** Deviations from RFC 3261 that {@link #parseTolerant} accepts, each only where it is unambiguous. */
    public enum Tolerance {
        /** A name-addr whose {@code >} is missing at the very end of the value (Contact only). */
        UNCLOSED_ANGLE("Contact name-addr without its closing '>' (accepted: it ended the value)"),
        /** A user part with characters outside RFC 3261 §25.1 {@code user}, kept as opaque text. */
        OPAQUE_USER("URI user part with characters outside RFC 3261 (kept as opaque text)");

        private final String note;

        Tolerance(String note) {
            this.note = note;
        }

        /** @return a short text for logs and the session summary */
        public String note() {
            return note;
        }
    }

    /**
     * The strict parse, then, only if that fails, the tolerant one: a URI user part with stray visible
     * characters is kept opaque; for {@code unclosedAngle} (Contact) a missing {@code >} is assumed
     * at the end of the value when the value holds exactly one {@code <} and no {@code >}.
     *
     * @return the parsed value
     * @throws SipSyntaxException with the strict parse's reason when neither form applies
     */
    public static NameAddress parseTolerant(String value, boolean unclosedAngle) {
        try {
            return parse(value);
        } catch (SipSyntaxException strict) {
            Tolerance t = tolerance(value, unclosedAngle);
            if (t == null) {
                throw strict;
            }
            return lenient(value, unclosedAngle);
        }
    }

    /**
     * The strict parse and, only when it fails, the tolerant one, adding the tolerance's note (with
     * {@code header} named) to {@code notes} once; one parse for a conforming value.
     */
    static NameAddress parseNoting(String value, boolean unclosedAngle, List<String> notes, String header) {
        try {
            return parse(value);
        } catch (SipSyntaxException strict) {
            Tolerance t = tolerance(value, unclosedAngle);
            if (t == null) {
                throw strict;
            }
            String n = t.note() + " in " + header;
            if (!notes.contains(n)) {
                notes.add(n);
            }
            return lenient(value, unclosedAngle);
        }
    }

    /**
     * @return the tolerance that makes {@code value} parse when the strict parse fails, or {@code null}
     *         when it parses strictly or not at all
     */
    public static Tolerance tolerance(String value, boolean unclosedAngle) {
        try {
            parse(value);
            return null;
        } catch (SipSyntaxException strict) {
            try {
                NameAddress opaque = lenientUser(value);
                return opaque == null ? null : Tolerance.OPAQUE_USER;
            } catch (SipSyntaxException notUser) {
                if (!unclosedAngle || !unclosed(value)) {
                    return null;
                }
                try {
                    lenient(value, true);
                    return Tolerance.UNCLOSED_ANGLE;
                } catch (SipSyntaxException none) {
                    return null;
                }
            }
        }
    }

    private static NameAddress lenientUser(String value) {
        Cursor c = new Cursor(value, "name-addr");
        NameAddress na = parse(c, true, false);
        c.expectEnd();
        return na;
    }

    private static NameAddress lenient(String value, boolean unclosedAngle) {
        Cursor c = new Cursor(value, "name-addr");
        NameAddress na = parse(c, true, unclosedAngle && unclosed(value));
        c.expectEnd();
        return na;
    }

    /** Exactly one {@code <} and no {@code >} outside a quoted display name: the only unambiguous repair. */
    private static boolean unclosed(String value) {
        int lt = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && ch == '<') {
                lt++;
            } else if (!quoted && ch == '>') {
                return false;
            }
        }
        return lt == 1 && !quoted;
    }

    static NameAddress parse(Cursor c) {
        return parse(c, false, false);
    }

    private static NameAddress parse(Cursor c, boolean opaqueUser, boolean unclosedAngle) {
        c.ws();
        String display = null;
        String raw;
        if (c.peek() == '"') {
            display = c.quotedRaw();
            c.ws();
            raw = angleUri(c, unclosedAngle);
        } else {
            int start = c.pos();
            String s = c.text();
            int lt = s.indexOf('<', start);
            boolean nameAddr = lt >= 0 && onlyTokens(s, start, lt);
            if (lt >= 0 && !nameAddr) {
                int stop = indexOfAny(s, start);
                if (stop < 0 || stop > lt) {
                    throw c.error("invalid display name");
                }
            }
            if (nameAddr) {
                String d = s.substring(start, lt).strip();
                if (!d.isEmpty()) {
                    display = d;
                }
                c.pos(lt);
                raw = angleUri(c, unclosedAngle);
            } else {
                int end = start;
                while (end < s.length() && s.charAt(end) != ';' && s.charAt(end) != ',' && !Chars.isWs(s.charAt(end))) {
                    end++;
                }
                raw = s.substring(start, end);
                if (raw.isEmpty()) {
                    throw c.error("missing URI");
                }
                if (raw.indexOf('?') >= 0) {
                    throw c.error("URI with headers must be enclosed in <>");
                }
                c.pos(end);
            }
        }
        SipUri uri = uriOf(raw, c, opaqueUser);
        Parameters params = Parameters.parse(c);
        return new NameAddress(display, raw, uri, params);
    }

    private static int indexOfAny(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ';' || ch == ',' || ch == '"') {
                return i;
            }
        }
        return -1;
    }

    /**
     * display-name = *(token LWS) (RFC 3261 §25.1), tolerating UTF-8 letters that some user agents send
     * unquoted; separators such as {@code ,} {@code ;} {@code "} still make the value invalid
     * (RFC 4475 §3.1.2.15).
     */
    private static boolean onlyTokens(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (!Chars.isToken(ch) && !Chars.isWs(ch) && ch < 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String angleUri(Cursor c, boolean unclosedAngle) {
        c.expect('<');
        String s = c.text();
        int gt = s.indexOf('>', c.pos());
        if (gt < 0 && !unclosedAngle) {
            throw c.error("missing '>'");
        }
        int end = gt < 0 ? s.length() : gt;
        String raw = gt < 0 ? s.substring(c.pos(), end).stripTrailing() : s.substring(c.pos(), end);
        if (raw.isEmpty() || raw.indexOf('<') >= 0) {
            throw c.error("invalid URI in <>");
        }
        c.pos(gt < 0 ? end : gt + 1);
        return raw;
    }

    private static SipUri uriOf(String raw, Cursor c, boolean opaqueUser) {
        if (SipUri.isSupportedScheme(raw)) {
            return opaqueUser ? SipUri.parseOpaqueUser(raw) : SipUri.parse(raw);
        }
        if (!SipUri.isAbsoluteUri(raw)) {
            throw c.error("invalid URI");
        }
        return null;
    }

    /**
     * @param displayName display name, or {@code null}; quoted when it is not a sequence of tokens
     * @param uri the URI
     * @return a name-addr without parameters
     */
    public static NameAddress of(String displayName, SipUri uri) {
        Objects.requireNonNull(uri, "uri");
        return new NameAddress(displayName == null ? null : Cursor.quote(displayName), uri.toString(), uri,
                Parameters.EMPTY);
    }

    /** @return the display name without quotes and escapes, or {@code null} */
    public String displayName() {
        return displayRaw == null ? null : Cursor.unquote(displayRaw);
    }

    /** @return the URI when its scheme is sip, sips or tel; {@code null} for other schemes (see {@link #rawUri()}) */
    public SipUri uri() {
        return uri;
    }

    /** @return the URI exactly as sent */
    public String rawUri() {
        return rawUri;
    }

    /** @return the header parameters (not the URI's) */
    public Parameters params() {
        return params;
    }

    /** @return the {@code tag} parameter (RFC 3261 §19.3), or {@code null} */
    public String tag() {
        return params.get("tag");
    }

    /** @return a copy with {@code tag} set */
    public NameAddress withTag(String tag) {
        return withParam("tag", tag);
    }

    /** @return a copy with a header parameter set ({@code value} raw, {@code null} for a flag) */
    public NameAddress withParam(String name, String value) {
        return new NameAddress(displayRaw, rawUri, uri, params.with(name, value));
    }

    /** @return wire form, e.g. {@code "Bob" <sip:bob@example.com>;tag=a6c85cf} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(rawUri.length() + 32);
        if (displayRaw != null) {
            b.append(displayRaw).append(' ');
        }
        b.append('<').append(rawUri).append('>');
        params.appendTo(b);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddress other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
