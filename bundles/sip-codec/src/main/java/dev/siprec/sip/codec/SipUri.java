package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code sip:}, {@code sips:} (RFC 3261 §19.1) or {@code tel:} (RFC 3966) URI, immutable. User,
 * password, parameter and header values are returned {@code %}-unescaped (RFC 3261 §19.1.4);
 * {@link #toString()} returns the URI as sent when it was parsed, or a correctly escaped form when
 * it was derived with a {@code with...} method.
 */
public final class SipUri {

    /**
     * A URI parameter or header, unescaped.
     *
     * @param name the name as sent (compare case-insensitively)
     * @param value the value, or {@code null} for a parameter without one
     */
    public record Param(String name, String value) {
    }

    private final String scheme;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final List<Param> params;
    private final List<Param> headers;
    private final String text;

    private SipUri(String scheme, String user, String password, String host, int port, List<Param> params,
            List<Param> headers, String text) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.params = params;
        this.headers = headers;
        this.text = text != null ? text : format();
    }

    /**
     * @param uri e.g. {@code sip:alice@[2001:db8::1]:5061;transport=tls?Subject=hi}
     * @return the parsed URI
     * @throws SipSyntaxException if the scheme is not sip, sips or tel, or the URI is malformed
     */
    public static SipUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new SipSyntaxException("URI: missing scheme");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "sip", "sips" -> SipUriParser.parseSip(uri, scheme, colon + 1);
            case "tel" -> SipUriParser.parseTel(uri, colon + 1);
            default -> throw new SipSyntaxException("URI: unsupported scheme " + safeScheme(scheme));
        };
    }

    /**
     * Like {@link #parse(String)}, but a SIP/SIPS user part with visible ASCII outside RFC 3261's set
     * is kept as opaque text (only for From/To/Contact, where the server never routes on the user).
     */
    static SipUri parseOpaqueUser(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon <= 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        return "sip".equals(scheme) || "sips".equals(scheme) ? SipUriParser.parseSip(uri, scheme, colon + 1, true) : parse(uri);
    }

    /**
     * @return {@code uri} with every character of a SIP/SIPS user part that RFC 3261 §25.1 does not
     *         allow there percent-encoded (an equivalent URI, §19.1.4); {@code uri} itself when it
     *         needs nothing or is not a SIP/SIPS URI with a user part
     */
    public static String escapeUser(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon <= 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        int at = uri.indexOf('@', colon + 1);
        if (!("sip".equals(scheme) || "sips".equals(scheme)) || at < 0) {
            return uri;
        }
        int pw = uri.indexOf(':', colon + 1);
        int userEnd = pw >= 0 && pw < at ? pw : at;
        StringBuilder b = null;
        for (int i = colon + 1; i < userEnd; i++) {
            char ch = uri.charAt(i);
            boolean ok = Chars.isUserChar(ch) || ch == '%';
            if (!ok && b == null) {
                b = new StringBuilder(uri.length() + 8).append(uri, 0, i);
            }
            if (b != null) {
                if (ok) {
                    b.append(ch);
                } else {
                    for (byte x : String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                                .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
                    }
                }
            }
        }
        return b == null ? uri : b.append(uri, userEnd, uri.length()).toString();
    }

    private static String safeScheme(String scheme) {
        return scheme.length() <= 16 && scheme.chars().allMatch(c -> Chars.isAlpha(c) || Chars.isDigit(c)
                || c == '+' || c == '-' || c == '.') ? scheme : "(invalid)";
    }

    /** @return whether {@code uri} starts with a scheme this class parses ({@code sip}, {@code sips}, {@code tel}) */
    public static boolean isSupportedScheme(String uri) {
        int colon = uri.indexOf(':');
        return colon == 3 && (uri.regionMatches(true, 0, "sip", 0, 3) || uri.regionMatches(true, 0, "tel", 0, 3))
                || colon == 4 && uri.regionMatches(true, 0, "sips", 0, 4);
    }

    /**
     * @return whether {@code uri} is a syntactically valid {@code absoluteURI} (RFC 3261 §25.1:
     *         scheme, colon, then no white space, controls, quotes or angle brackets)
     */
    public static boolean isAbsoluteUri(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !Chars.isAlpha(uri.charAt(0)) || colon == uri.length() - 1) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = uri.charAt(i);
            if (!Chars.isAlpha(c) && !Chars.isDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        for (int i = colon + 1; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '{' || c == '|' || c == '}') {
                return false;
            }
        }
        return true;
    }

    static SipUri create(String scheme, String user, String password, String host, int port, List<Param> params,
            List<Param> headers, String text) {
        return new SipUri(scheme, user, password, host, port, params, headers, text);
    }

    /** @return {@code sip}, {@code sips} or {@code tel}, lower case */
    public String scheme() {
        return scheme;
    }

    /** @return whether the scheme is {@code sips} (RFC 3261 §19.1) */
    public boolean isSecure() {
        return "sips".equals(scheme);
    }

    /** @return the user part unescaped (for {@code tel:} the subscriber number), or {@code null} */
    public String user() {
        return user;
    }

    /** @return the password unescaped, or {@code null} (its use is NOT RECOMMENDED, RFC 3261 §19.1.1) */
    public String password() {
        return password;
    }

    /** @return the host as sent, IPv6 references with brackets ({@code [::1]}); {@code null} for {@code tel:} */
    public String host() {
        return host;
    }

    /** @return the port, or -1 if absent */
    public int port() {
        return port;
    }

    /** @return the URI parameters in order, unescaped */
    public List<Param> params() {
        return params;
    }

    /** @return the URI headers ({@code ?name=value&...}) in order, unescaped */
    public List<Param> headers() {
        return headers;
    }

    /** @return whether the parameter is present (names are case-insensitive) */
    public boolean hasParam(String name) {
        return find(params, name) != null;
    }

    /** @return the parameter's unescaped value; {@code null} if absent or present without a value */
    public String param(String name) {
        Param p = find(params, name);
        return p == null ? null : p.value();
    }

    /** @return the header's unescaped value, or {@code null} */
    public String header(String name) {
        Param p = find(headers, name);
        return p == null ? null : p.value();
    }

    private static Param find(List<Param> list, String name) {
        for (Param p : list) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** @return the {@code transport} parameter lower case, or {@code null} */
    public String transport() {
        String t = param("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** @return whether the {@code lr} parameter is present (loose routing, RFC 3261 §19.1.1) */
    public boolean lr() {
        return hasParam("lr");
    }

    /** @return the {@code maddr} parameter, or {@code null} */
    public String maddr() {
        return param("maddr");
    }

    /**
     * @return a copy with the parameter set: replaced in place (keeping the name as sent) or appended;
     *         {@code value} null for a flag
     */
    public SipUri withParam(String name, String value) {
        validateName(name);
        List<Param> copy = new ArrayList<>(params);
        int i = indexOf(copy, name);
        if (i >= 0) {
            copy.set(i, new Param(copy.get(i).name(), value));
        } else {
            copy.add(new Param(name, value));
        }
        return new SipUri(scheme, user, password, host, port, Collections.unmodifiableList(copy), headers, null);
    }

    /** @return a copy without the named parameter */
    public SipUri withoutParam(String name) {
        int i = indexOf(params, name);
        if (i < 0) {
            return this;
        }
        List<Param> copy = new ArrayList<>(params);
        copy.remove(i);
        return new SipUri(scheme, user, password, host, port, Collections.unmodifiableList(copy), headers, null);
    }

    /** @return a copy without URI headers (as required for Contact and Route values in most uses) */
    public SipUri withoutHeaders() {
        return headers.isEmpty() ? this
                : new SipUri(scheme, user, password, host, port, params, List.of(), null);
    }

    private static int indexOf(List<Param> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new SipSyntaxException("URI parameter: empty name");
        }
    }

    /**
     * URI equivalence of RFC 3261 §19.1.4: user and password compare case-sensitively after
     * unescaping, host case-insensitively, an absent port differs from an explicit one; the
     * {@code user}, {@code ttl}, {@code method}, {@code maddr} and {@code transport} parameters must
     * match when either side has them, other parameters only when both have them; headers must match.
     * A {@code tel:} URI compares by number and parameters.
     */
    public boolean equivalent(SipUri other) {
        return UriEquivalence.equivalent(this, other);
    }

    private String format() {
        StringBuilder b = new StringBuilder(64).append(scheme).append(':');
        if ("tel".equals(scheme)) {
            b.append(user);
        } else {
            if (user != null) {
                b.append(UriEscapes.escape(user, Chars::isUserChar));
                if (password != null) {
                    b.append(':').append(UriEscapes.escape(password, Chars::isPasswordChar));
                }
                b.append('@');
            }
            b.append(host);
            if (port >= 0) {
                b.append(':').append(port);
            }
        }
        for (Param p : params) {
            b.append(';').append(UriEscapes.escape(p.name(), Chars::isParamChar));
            if (p.value() != null) {
                b.append('=').append(UriEscapes.escape(p.value(), Chars::isParamChar));
            }
        }
        char sep = '?';
        for (Param h : headers) {
            b.append(sep).append(UriEscapes.escape(h.name(), Chars::isHeaderChar)).append('=')
                    .append(UriEscapes.escape(h.value() == null ? "" : h.value(), Chars::isHeaderChar));
            sep = '&';
        }
        return b.toString();
    }

    /** @return the URI in wire form */
    @Override
    public String toString() {
        return text;
    }

    /**
     * Equality of the wire form. This is stricter than URI equivalence of RFC 3261 §19.1.4 (which
     * ignores case in host and parameter names and unknown parameters present on one side only).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
