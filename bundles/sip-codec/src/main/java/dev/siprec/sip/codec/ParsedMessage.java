package dev.siprec.sip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.siprec.sip.api.SipMessage;

/**
 * A parsed or built SIP message (RFC 3261 §7), immutable. Header values are kept as sent and parsed
 * into typed values ({@link Via}, {@link NameAddress}, {@link CSeq}, {@link ContentType}) only when
 * asked; the results are cached.
 */
public abstract sealed class ParsedMessage implements SipMessage permits ParsedRequest, ParsedResponse {
    final HeaderFields fields;
    final byte[] body;
    private List<Via> vias;
    private NameAddress from;
    private NameAddress to;
    private CSeq cseq;
    /** Deviations accepted by the parser (set once, at parse time). */
    List<String> tolerated = List.of();

    ParsedMessage(HeaderFields fields, byte[] body) {
        this.fields = fields;
        this.body = body;
    }

    @Override
    public String header(String name) {
        return fields.first(name);
    }

    @Override
    public List<String> headers(String name) {
        return fields.all(name);
    }

    @Override
    public List<String> headerNames() {
        return fields.names();
    }

    /** @return how many header lines carry the field (repeated lines counted, commas not) */
    public int headerLineCount(String name) {
        return fields.count(name);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body length in bytes, without copying it */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public Optional<String> contentType() {
        String ct = fields.firstLine("Content-Type");
        if (ct == null) {
            return Optional.empty();
        }
        int semi = ct.indexOf(';');
        String media = (semi < 0 ? ct : ct.substring(0, semi)).strip();
        StringBuilder b = new StringBuilder(media.length());
        for (int i = 0; i < media.length(); i++) {
            if (!Chars.isWs(media.charAt(i))) {
                b.append(media.charAt(i));
            }
        }
        return Optional.of(b.toString().toLowerCase(Locale.ROOT));
    }

    /**
     * @return the parsed {@code Content-Type} with its parameters, if present
     * @throws SipSyntaxException if it is malformed
     */
    public Optional<ContentType> contentTypeHeader() {
        String ct = fields.firstLine("Content-Type");
        return ct == null ? Optional.empty() : Optional.of(ContentType.parse(ct));
    }

    @Override
    public String callId() {
        return fields.firstLine("Call-ID");
    }

    /**
     * @return the parsed {@code CSeq}, or {@code null} if absent
     * @throws SipSyntaxException if malformed
     */
    public CSeq cseqHeader() {
        CSeq c = cseq;
        if (c == null) {
            String v = fields.firstLine("CSeq");
            if (v == null) {
                return null;
            }
            c = CSeq.parse(v);
            cseq = c;
        }
        return c;
    }

    /** @return the CSeq number, or -1 if absent */
    @Override
    public long cseq() {
        CSeq c = cseqHeader();
        return c == null ? -1 : c.number();
    }

    @Override
    public String cseqMethod() {
        CSeq c = cseqHeader();
        return c == null ? null : c.method();
    }

    /**
     * @return the parsed {@code From}, or {@code null} if absent
     * @throws SipSyntaxException if malformed
     */
    public NameAddress from() {
        NameAddress f = from;
        if (f == null) {
            String v = fields.firstLine("From");
            if (v == null) {
                return null;
            }
            f = NameAddress.parseTolerant(v, false);
            from = f;
        }
        return f;
    }

    /**
     * @return the parsed {@code To}, or {@code null} if absent
     * @throws SipSyntaxException if malformed
     */
    public NameAddress to() {
        NameAddress t = to;
        if (t == null) {
            String v = fields.firstLine("To");
            if (v == null) {
                return null;
            }
            t = NameAddress.parseTolerant(v, false);
            to = t;
        }
        return t;
    }

    /** Parses From and To once at parse time (filling the caches), noting any tolerance used. */
    void parseAddresses(List<String> notes) {
        String f = fields.firstLine("From");
        if (f != null) {
            from = NameAddress.parseNoting(f, false, notes, "From");
        }
        String t = fields.firstLine("To");
        if (t != null) {
            to = NameAddress.parseNoting(t, false, notes, "To");
        }
    }

    @Override
    public String fromTag() {
        NameAddress f = from();
        return f == null ? null : f.tag();
    }

    @Override
    public String toTag() {
        NameAddress t = to();
        return t == null ? null : t.tag();
    }

    /** @return the first {@code Via} value as sent, or {@code null} */
    public String topVia() {
        return fields.first("Via");
    }

    /**
     * @return every {@code Via} value parsed, top first
     * @throws SipSyntaxException if one is malformed
     */
    public List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            List<Via> parsed = new ArrayList<>(2);
            for (String value : fields.all("Via")) {
                parsed.add(Via.parse(value));
            }
            v = List.copyOf(parsed);
            vias = v;
        }
        return v;
    }

    /**
     * @return the top {@code Via} parsed, or {@code null} if absent
     * @throws SipSyntaxException if malformed
     */
    public Via via() {
        List<Via> v = vias();
        return v.isEmpty() ? null : v.get(0);
    }

    /**
     * @return every value of a name-addr field ({@code Contact}, {@code Route}, {@code Record-Route},
     *         {@code Path}...) parsed; a {@code Contact: *} is not a name-addr and is rejected
     * @throws SipSyntaxException if one is malformed
     */
    public List<NameAddress> nameAddresses(String name) {
        List<NameAddress> out = new ArrayList<>(2);
        boolean contact = "Contact".equalsIgnoreCase(name) || "m".equalsIgnoreCase(name);
        for (String value : fields.all(name)) {
            out.add(NameAddress.parseTolerant(value, contact));
        }
        return List.copyOf(out);
    }

    /**
     * @return the deviations from RFC 3261 the parser accepted in this message because a recording
     *         client would otherwise be refused for nothing (see {@link NameAddress.Tolerance}, and an
     *         ACK whose CSeq names INVITE), each as a short note; empty for a conforming message
     */
    public List<String> tolerated() {
        return tolerated;
    }

    /** @return the start line without CRLF, e.g. {@code INVITE sip:srs@example.com SIP/2.0} */
    public abstract String startLine();

    @Override
    public byte[] encode() {
        return WireWriter.encode(startLine(), fields, body);
    }

    static void checkHeader(String name, String value) {
        if (name == null || !HeaderNames.isToken(name)) {
            throw new IllegalArgumentException("invalid header name");
        }
        if (value == null) {
            throw new IllegalArgumentException("null value for header " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("value of header " + name + " contains CR, LF or NUL");
            }
        }
    }

    /** @return the start line and header names, for logs (no values: they may carry personal data) */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + startLine() + ", " + fields.size() + " headers, "
                + body.length + " body bytes]";
    }
}
