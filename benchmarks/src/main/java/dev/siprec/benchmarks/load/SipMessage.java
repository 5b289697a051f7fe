package dev.siprec.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP message as far as the load generator needs it (RFC 3261 §7): start line, the headers it
 * reads (compact forms mapped to full names), body. Bounded: at most 64 KiB and 200 header lines;
 * anything else is refused with {@link IllegalArgumentException}.
 */
public final class SipMessage {
    private static final int MAX_BYTES = 65_535;
    private static final int MAX_HEADERS = 200;
    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "f", "from", "t", "to", "v", "via",
            "m", "contact", "l", "content-length", "c", "content-type");

    private final String method;
    private final int status;
    private final Map<String, String> headers = new HashMap<>();
    private final List<String> vias = new ArrayList<>();
    private final String body;

    private SipMessage(String method, int status, String body) {
        this.method = method;
        this.status = status;
        this.body = body;
    }

    /** Parses one UDP datagram. */
    public static SipMessage parse(byte[] data, int length) {
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException("datagram of " + length + " bytes");
        }
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalArgumentException("no end of headers");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        if (lines.length > MAX_HEADERS) {
            throw new IllegalArgumentException(lines.length + " header lines");
        }
        String start = lines[0];
        SipMessage m;
        if (start.startsWith("SIP/2.0 ")) {
            if (start.length() < 11) {
                throw new IllegalArgumentException("status line: " + start);
            }
            m = new SipMessage(null, Integer.parseInt(start.substring(8, 11)), text.substring(end + 4));
        } else {
            int sp = start.indexOf(' ');
            if (sp <= 0 || !start.endsWith(" SIP/2.0")) {
                throw new IllegalArgumentException("request line: " + start);
            }
            m = new SipMessage(start.substring(0, sp), 0, text.substring(end + 4));
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header line: " + lines[i]);
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            name = COMPACT.getOrDefault(name, name);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equals("via")) {
                for (String v : value.split(",")) {
                    m.vias.add(v.strip());
                }
            } else {
                m.headers.putIfAbsent(name, value);
            }
        }
        return m;
    }

    public boolean isResponse() {
        return method == null;
    }

    /** The request method, or {@code null} for a response. */
    public String method() {
        return method;
    }

    /** The status code of a response, 0 for a request. */
    public int status() {
        return status;
    }

    /** The first value of a header (full name, any case), or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public List<String> vias() {
        return vias;
    }

    public String callId() {
        return header("call-id");
    }

    /** The method of the CSeq header. */
    public String cseqMethod() {
        String cseq = header("cseq");
        if (cseq == null) {
            return null;
        }
        int sp = cseq.indexOf(' ');
        return sp < 0 ? null : cseq.substring(sp + 1).strip();
    }

    /** The URI of the Contact header ({@code <...>} form or bare), or {@code null}. */
    public String contactUri() {
        String c = header("contact");
        if (c == null) {
            return null;
        }
        int lt = c.indexOf('<');
        if (lt >= 0) {
            int gt = c.indexOf('>', lt);
            return gt < 0 ? null : c.substring(lt + 1, gt);
        }
        int semi = c.indexOf(';');
        return semi < 0 ? c : c.substring(0, semi);
    }

    public String body() {
        return body;
    }
}
