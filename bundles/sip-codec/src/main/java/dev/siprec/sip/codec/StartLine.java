package dev.siprec.sip.codec;

import java.nio.charset.StandardCharsets;

/**
 * The Request-Line (RFC 3261 §7.1) or Status-Line (§7.2) of a message, parsed from bytes. A
 * non-zero {@link #status()} means the line is unusable; {@link #isRequest()} then says whether
 * enough of a Request-Line was seen to answer it.
 */
final class StartLine {
    private int status;
    private String reason;
    private boolean request;
    private String method;
    private String uri;
    private SipUri sipUri;
    private int code;
    private String reasonPhrase;

    private StartLine() {
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    boolean isRequest() {
        return request;
    }

    String method() {
        return method;
    }

    String uri() {
        return uri;
    }

    SipUri sipUri() {
        return sipUri;
    }

    int code() {
        return code;
    }

    String reasonPhrase() {
        return reasonPhrase;
    }

    private StartLine fail(int st, String why) {
        status = st;
        reason = why;
        return this;
    }

    static StartLine parse(byte[] b, int from, int to) {
        StartLine line = new StartLine();
        if (to - from >= 4 && (b[from] | 0x20) == 's' && (b[from + 1] | 0x20) == 'i' && (b[from + 2] | 0x20) == 'p'
                && b[from + 3] == '/') {
            return line.statusLine(b, from, to);
        }
        return line.requestLine(b, from, to);
    }

    private StartLine requestLine(byte[] b, int from, int to) {
        int p = from;
        while (p < to && Chars.isToken(b[p])) {
            p++;
        }
        if (p == from || p >= to || b[p] != ' ') {
            return fail(400, "Malformed Request-Line");
        }
        method = SipParser.ascii(b, from, p);
        request = true;
        int uriStart = ++p;
        while (p < to && b[p] != ' ') {
            p++;
        }
        uri = SipParser.ascii(b, uriStart, p);
        if (p >= to) {
            uri = "";
            return fail(400, "Malformed Request-Line");
        }
        int versionStart = p + 1;
        int v = version(b, versionStart, to);
        if (v != 0) {
            return this;
        }
        if (!SipUri.isAbsoluteUri(uri)) {
            return fail(400, "Malformed Request-URI");
        }
        if (SipUri.isSupportedScheme(uri)) {
            try {
                sipUri = SipUri.parse(uri);
            } catch (SipSyntaxException e) {
                return fail(400, "Malformed Request-URI");
            }
            if (!sipUri.headers().isEmpty()) {
                // RFC 3261 §19.1.1 table 1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
                return fail(400, "Request-URI must not contain headers");
            }
        }
        return this;
    }

    /** Checks {@code SIP/2.0}; sets 400 for a malformed version, 505 for another version. */
    private int version(byte[] b, int from, int to) {
        int p = from;
        if (to - p < 7 || (b[p] | 0x20) != 's' || (b[p + 1] | 0x20) != 'i' || (b[p + 2] | 0x20) != 'p' || b[p + 3] != '/') {
            fail(400, "Malformed SIP-Version");
            return status;
        }
        p += 4;
        int majorStart = p;
        while (p < to && Chars.isDigit(b[p])) {
            p++;
        }
        if (p == majorStart || p >= to || b[p] != '.') {
            fail(400, "Malformed SIP-Version");
            return status;
        }
        int minorStart = ++p;
        while (p < to && Chars.isDigit(b[p])) {
            p++;
        }
        if (p == minorStart) {
            fail(400, "Malformed SIP-Version");
            return status;
        }
        if (p != to) {
            // e.g. trailing SP after the version (RFC 4475 §3.1.2.10): rejecting is acceptable
            fail(400, request ? "Malformed Request-Line" : "Malformed SIP-Version");
            return status;
        }
        if (!isTwoZero(b, majorStart, minorStart - 1, minorStart, p)) {
            fail(505, "Version Not Supported");
            return status;
        }
        return 0;
    }

    private static boolean isTwoZero(byte[] b, int ms, int me, int ns, int ne) {
        while (ms < me - 1 && b[ms] == '0') {
            ms++;
        }
        while (ns < ne - 1 && b[ns] == '0') {
            ns++;
        }
        return me - ms == 1 && b[ms] == '2' && ne - ns == 1 && b[ns] == '0';
    }

    private StartLine statusLine(byte[] b, int from, int to) {
        int sp = from;
        while (sp < to && b[sp] != ' ') {
            sp++;
        }
        int v = version(b, from, sp);
        if (v != 0) {
            return this;
        }
        int p = sp + 1;
        if (p + 3 > to || !Chars.isDigit(b[p]) || !Chars.isDigit(b[p + 1]) || !Chars.isDigit(b[p + 2])
                || p + 3 < to && b[p + 3] != ' ') {
            return fail(400, "Malformed Status-Line");
        }
        code = (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
        if (code < 100 || code > 699) {
            return fail(400, "Status code out of range");
        }
        int rs = Math.min(p + 4, to);
        for (int i = rs; i < to; i++) {
            if (b[i] >= 0 && b[i] < 0x20 && b[i] != '\t' || b[i] == 0x7f) {
                return fail(400, "Control character in reason phrase");
            }
        }
        reasonPhrase = new String(b, rs, to - rs, StandardCharsets.UTF_8);
        return this;
    }
}
