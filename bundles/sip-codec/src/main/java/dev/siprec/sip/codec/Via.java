package dev.siprec.sip.codec;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One {@code Via} value (RFC 3261 §20.42, §25.1 {@code via-parm}) with {@code received}
 * (RFC 3261 §18.2.1) and {@code rport} (RFC 3581). Immutable; {@link #toString()} is the wire form.
 */
public final class Via {
    /** The branch prefix of RFC 3261 compliant transactions (§8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters params;

    private Via(String protocolName, String protocolVersion, String transport, String host, int port, Parameters params) {
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.params = params;
    }

    /**
     * @param value one Via value (not a comma-separated list)
     * @return the parsed value
     * @throws SipSyntaxException if malformed
     */
    public static Via parse(String value) {
        Objects.requireNonNull(value, "value");
        Cursor c = new Cursor(value, "Via");
        Via v = parse(c);
        c.expectEnd();
        return v;
    }

    static Via parse(Cursor c) {
        c.ws();
        String name = c.token();
        c.expectSep('/');
        String version = c.token();
        c.expectSep('/');
        String transport = c.token().toUpperCase(Locale.ROOT);
        int before = c.pos();
        c.ws();
        if (c.pos() == before) {
            throw c.error("missing white space before sent-by");
        }
        String host = host(c);
        int port = -1;
        if (c.sep(':')) {
            String s = c.text();
            int start = c.pos();
            int p = start;
            while (p < s.length() && Chars.isDigit(s.charAt(p))) {
                p++;
            }
            port = SipUriParser.parsePort(s, start, p);
            c.pos(p);
        }
        Parameters params = Parameters.parse(c);
        validate(params, c);
        return new Via(name, version, transport, host, port, params);
    }

    private static String host(Cursor c) {
        String s = c.text();
        int start = c.pos();
        int p = start;
        if (p < s.length() && s.charAt(p) == '[') {
            int close = s.indexOf(']', p);
            if (close < 0) {
                throw c.error("unterminated IPv6 reference");
            }
            SipUriParser.validateIpv6(s, p + 1, close);
            p = close + 1;
        } else {
            while (p < s.length() && (Chars.isAlpha(s.charAt(p)) || Chars.isDigit(s.charAt(p)) || s.charAt(p) == '-'
                    || s.charAt(p) == '.')) {
                p++;
            }
            SipUriParser.validateHostname(s, start, p);
        }
        c.pos(p);
        return s.substring(start, p);
    }

    private static void validate(Parameters params, Cursor c) {
        for (Parameters.Param p : params) {
            String n = p.name();
            String v = p.value();
            if (n.equalsIgnoreCase("ttl")) {
                if (v == null || !digits(v) || v.length() > 3 || Integer.parseInt(v) > 255) {
                    throw c.error("bad ttl");
                }
            } else if (n.equalsIgnoreCase("rport")) {
                if (v != null && (!digits(v) || v.length() > 5 || Integer.parseInt(v) > 65535)) {
                    throw c.error("bad rport");
                }
            } else if (n.equalsIgnoreCase("branch") || n.equalsIgnoreCase("received") || n.equalsIgnoreCase("maddr")) {
                if (v == null || v.charAt(0) == '"') {
                    throw c.error("bad " + n.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static boolean digits(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (!Chars.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return !v.isEmpty();
    }

    /**
     * @param transport e.g. {@code UDP}, {@code TCP}, {@code TLS}
     * @param host sent-by host (IPv6 in brackets)
     * @param port sent-by port, or -1
     * @param branch branch parameter (should start with {@link #MAGIC_COOKIE})
     * @return a {@code SIP/2.0} Via
     */
    public static Via of(String transport, String host, int port, String branch) {
        Via v = parse("SIP/2.0/" + transport + " " + host + (port >= 0 ? ":" + port : ""));
        return branch == null ? v : v.withParam("branch", branch);
    }

    /** @return e.g. {@code SIP} */
    public String protocolName() {
        return protocolName;
    }

    /** @return e.g. {@code 2.0} */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** @return the transport upper case, e.g. {@code UDP} */
    public String transport() {
        return transport;
    }

    /** @return the sent-by host as sent (IPv6 references with brackets) */
    public String host() {
        return host;
    }

    /** @return the sent-by port, or -1 if absent */
    public int port() {
        return port;
    }

    /** @return all parameters in order */
    public Parameters params() {
        return params;
    }

    /** @return the {@code branch} parameter, or {@code null} */
    public String branch() {
        return params.get("branch");
    }

    /** @return the {@code received} parameter, or {@code null} */
    public String received() {
        return params.get("received");
    }

    /** @return the {@code maddr} parameter, or {@code null} */
    public String maddr() {
        return params.get("maddr");
    }

    /** @return the {@code ttl} parameter if present */
    public OptionalInt ttl() {
        String t = params.get("ttl");
        return t == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(t));
    }

    /** @return whether {@code rport} is present, with or without a value (RFC 3581 §3) */
    public boolean hasRport() {
        return params.contains("rport");
    }

    /** @return the {@code rport} value if the parameter carries one (RFC 3581 §4) */
    public OptionalInt rport() {
        String r = params.get("rport");
        return r == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(r));
    }

    /** @return a copy with {@code received} set (RFC 3261 §18.2.1) */
    public Via withReceived(String address) {
        return withParam("received", address);
    }

    /** @return a copy with {@code rport} set to the source port (RFC 3581 §4) */
    public Via withRport(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("rport out of range: " + port);
        }
        return withParam("rport", Integer.toString(port));
    }

    /** @return a copy with a parameter set or replaced ({@code value} null for a flag) */
    public Via withParam(String name, String value) {
        return new Via(protocolName, protocolVersion, transport, host, port, params.with(name, value));
    }

    /** @return the wire form, e.g. {@code SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776;rport=5060} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion).append('/')
                .append(transport).append(' ').append(host);
        if (port >= 0) {
            b.append(':').append(port);
        }
        params.appendTo(b);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
