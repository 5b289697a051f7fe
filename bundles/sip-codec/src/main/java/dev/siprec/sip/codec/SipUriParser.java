package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The RFC 3261 §25.1 {@code SIP-URI} / {@code SIPS-URI} and RFC 3966 {@code tel:} grammars. */
final class SipUriParser {
    private static final int MAX_PORT = 65535;

    private SipUriParser() {
    }

    private static boolean isOpaqueUserChar(int c) {
        return Chars.isUserChar(c) || c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"';
    }

    static SipUri parseSip(String s, String scheme, int start) {
        return parseSip(s, scheme, start, false);
    }

    /**
     * @param opaqueUser accept, in the user part, visible ASCII outside RFC 3261's {@code user} set
     *        (a stray {@code ]} from some recording clients), kept as sent; never white space,
     *        controls, {@code < > "} or a malformed escape
     */
    static SipUri parseSip(String s, String scheme, int start, boolean opaqueUser) {
        int end = s.length();
        if (start >= end) {
            throw new SipSyntaxException("URI: empty after scheme");
        }
        int hostStart = start;
        String user = null;
        String password = null;
        int at = s.indexOf('@', start);
        if (at >= 0) {
            int pw = s.indexOf(':', start);
            int userEnd = pw >= 0 && pw < at ? pw : at;
            if (userEnd == start) {
                throw new SipSyntaxException("URI: empty user");
            }
            UriEscapes.check(s, start, userEnd, opaqueUser ? SipUriParser::isOpaqueUserChar : Chars::isUserChar, "URI user");
            user = UriEscapes.unescape(s.substring(start, userEnd));
            if (userEnd < at) {
                UriEscapes.check(s, userEnd + 1, at, Chars::isPasswordChar, "URI password");
                password = UriEscapes.unescape(s.substring(userEnd + 1, at));
            }
            hostStart = at + 1;
        }
        int p = hostStart;
        if (p < end && s.charAt(p) == '[') {
            int close = s.indexOf(']', p);
            if (close < 0) {
                throw new SipSyntaxException("URI: unterminated IPv6 reference");
            }
            validateIpv6(s, p + 1, close);
            p = close + 1;
        } else {
            while (p < end && (Chars.isAlpha(s.charAt(p)) || Chars.isDigit(s.charAt(p)) || s.charAt(p) == '-'
                    || s.charAt(p) == '.')) {
                p++;
            }
            validateHostname(s, hostStart, p);
        }
        String host = s.substring(hostStart, p);
        int port = -1;
        if (p < end && s.charAt(p) == ':') {
            int ps = ++p;
            while (p < end && Chars.isDigit(s.charAt(p))) {
                p++;
            }
            port = parsePort(s, ps, p);
        }
        List<SipUri.Param> params = List.of();
        if (p < end && s.charAt(p) == ';') {
            params = new ArrayList<>(4);
            p = parseParams(s, p, params);
            params = Collections.unmodifiableList(params);
        }
        List<SipUri.Param> headers = List.of();
        if (p < end && s.charAt(p) == '?') {
            headers = new ArrayList<>(2);
            p = parseHeaders(s, p, headers);
            headers = Collections.unmodifiableList(headers);
        }
        if (p != end) {
            throw new SipSyntaxException("URI: invalid character after host");
        }
        return SipUri.create(scheme, user, password, host, port, params, headers, s);
    }

    static SipUri parseTel(String s, int start) {
        int end = s.length();
        int p = start;
        if (p < end && s.charAt(p) == '+') {
            p++;
        }
        int digits = 0;
        while (p < end && s.charAt(p) != ';') {
            char c = s.charAt(p);
            if (Chars.isDigit(c) || Chars.hexValue(c) >= 0 || c == '*' || c == '#') {
                digits++;
            } else if (c != '-' && c != '.' && c != '(' && c != ')') {
                throw new SipSyntaxException("tel URI: invalid character in number");
            }
            p++;
        }
        if (digits == 0) {
            throw new SipSyntaxException("tel URI: empty number");
        }
        String number = s.substring(start, p);
        List<SipUri.Param> params = List.of();
        if (p < end) {
            params = new ArrayList<>(2);
            p = parseParams(s, p, params);
            params = Collections.unmodifiableList(params);
        }
        if (p != end) {
            throw new SipSyntaxException("tel URI: invalid character");
        }
        return SipUri.create("tel", number, null, null, -1, params, List.of(), s);
    }

    static int parsePort(String s, int from, int to) {
        if (from == to || to - from > 5) {
            throw new SipSyntaxException("URI: bad port");
        }
        int port = Integer.parseInt(s, from, to, 10);
        if (port > MAX_PORT) {
            throw new SipSyntaxException("URI: port out of range");
        }
        return port;
    }

    private static int parseParams(String s, int p, List<SipUri.Param> out) {
        int end = s.length();
        while (p < end && s.charAt(p) == ';') {
            int ns = ++p;
            while (p < end && s.charAt(p) != '=' && s.charAt(p) != ';' && s.charAt(p) != '?') {
                p++;
            }
            if (p == ns) {
                throw new SipSyntaxException("URI: empty parameter name");
            }
            UriEscapes.check(s, ns, p, Chars::isParamChar, "URI parameter");
            String name = UriEscapes.unescape(s.substring(ns, p));
            String value = null;
            if (p < end && s.charAt(p) == '=') {
                int vs = ++p;
                while (p < end && s.charAt(p) != ';' && s.charAt(p) != '?') {
                    p++;
                }
                if (p == vs) {
                    throw new SipSyntaxException("URI: empty parameter value");
                }
                UriEscapes.check(s, vs, p, Chars::isParamChar, "URI parameter");
                value = UriEscapes.unescape(s.substring(vs, p));
            }
            out.add(new SipUri.Param(name, value));
        }
        return p;
    }

    private static int parseHeaders(String s, int p, List<SipUri.Param> out) {
        int end = s.length();
        while (p < end && (s.charAt(p) == '?' && out.isEmpty() || s.charAt(p) == '&' && !out.isEmpty())) {
            int ns = ++p;
            while (p < end && s.charAt(p) != '=' && s.charAt(p) != '&') {
                p++;
            }
            if (p == ns || p == end || s.charAt(p) != '=') {
                throw new SipSyntaxException("URI: malformed header");
            }
            UriEscapes.check(s, ns, p, Chars::isHeaderChar, "URI header");
            String name = UriEscapes.unescape(s.substring(ns, p));
            int vs = ++p;
            while (p < end && s.charAt(p) != '&') {
                p++;
            }
            UriEscapes.check(s, vs, p, Chars::isHeaderChar, "URI header");
            out.add(new SipUri.Param(name, UriEscapes.unescape(s.substring(vs, p))));
        }
        return p;
    }

    /** hostname = *( domainlabel "." ) toplabel [ "." ] or IPv4address (RFC 3261 §25.1) */
    static void validateHostname(String s, int from, int to) {
        if (from == to) {
            throw new SipSyntaxException("URI: missing host");
        }
        int labelStart = from;
        boolean allDigits = true;
        int labels = 0;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (i == labelStart) {
                    if (i == to && labels > 0) {
                        break; // trailing dot
                    }
                    throw new SipSyntaxException("URI: empty host label");
                }
                if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    throw new SipSyntaxException("URI: host label starts or ends with '-'");
                }
                labels++;
                labelStart = i + 1;
            } else if (!Chars.isDigit(s.charAt(i))) {
                allDigits = false;
            }
        }
        if (allDigits) {
            validateIpv4(s, from, to);
        }
    }

    private static void validateIpv4(String s, int from, int to) {
        int parts = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (i == start || i - start > 3 || Integer.parseInt(s, start, i, 10) > 255) {
                    throw new SipSyntaxException("URI: bad IPv4 address");
                }
                parts++;
                start = i + 1;
            }
        }
        if (parts != 4) {
            throw new SipSyntaxException("URI: bad IPv4 address");
        }
    }

    /** IPv6address of RFC 3261 §25.1 (RFC 4291 text forms, optional trailing IPv4 part) */
    static void validateIpv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from < 2) {
            throw new SipSyntaxException("URI: bad IPv6 reference");
        }
        if (s.startsWith("::", from)) {
            compressed = true;
            i += 2;
        } else if (s.charAt(from) == ':') {
            throw new SipSyntaxException("URI: bad IPv6 reference");
        }
        while (i < to) {
            int start = i;
            while (i < to && Chars.hexValue(s.charAt(i)) >= 0) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                int dotEnd = start;
                while (dotEnd < to && (Chars.isDigit(s.charAt(dotEnd)) || s.charAt(dotEnd) == '.')) {
                    dotEnd++;
                }
                if (dotEnd != to) {
                    throw new SipSyntaxException("URI: bad IPv6 reference");
                }
                validateIpv4(s, start, to);
                groups += 2;
                i = to;
                break;
            }
            if (i == start || i - start > 4) {
                throw new SipSyntaxException("URI: bad IPv6 reference");
            }
            groups++;
            if (i < to) {
                if (s.charAt(i) != ':') {
                    throw new SipSyntaxException("URI: bad IPv6 reference");
                }
                i++;
                if (i < to && s.charAt(i) == ':') {
                    if (compressed) {
                        throw new SipSyntaxException("URI: bad IPv6 reference");
                    }
                    compressed = true;
                    i++;
                } else if (i == to) {
                    throw new SipSyntaxException("URI: bad IPv6 reference");
                }
            }
        }
        if (compressed ? groups > 7 : groups != 8) {
            throw new SipSyntaxException("URI: bad IPv6 reference");
        }
    }
}
