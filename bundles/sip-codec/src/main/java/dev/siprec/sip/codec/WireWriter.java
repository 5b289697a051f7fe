package dev.siprec.sip.codec;

/**
 * Serializes a start line, header fields and body straight into one exactly sized array: the UTF-8
 * length of every string is computed first, then the bytes are written (RFC 3261 §7: SIP text is
 * UTF-8). No intermediate builders or strings.
 */
final class WireWriter {
    private final byte[] out;
    private int pos;

    private WireWriter(int size) {
        out = new byte[size];
    }

    /** UTF-8 length of {@code s} (RFC 3629); unpaired surrogates count as the 3-byte replacement. */
    static int utf8Length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2;
                    i++;
                } else {
                    len += 2;
                }
            }
        }
        return len;
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out[pos++] = (byte) s.charAt(i);
        }
    }

    private void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | c >> 6);
                out[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[pos++] = (byte) (0xF0 | cp >> 18);
                out[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[pos++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[pos++] = (byte) 0xEF;
                out[pos++] = (byte) 0xBF;
                out[pos++] = (byte) 0xBD;
            } else {
                out[pos++] = (byte) (0xE0 | c >> 12);
                out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[pos++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void crlf() {
        out[pos++] = '\r';
        out[pos++] = '\n';
    }

    /**
     * @return {@code startLine CRLF *(name ": " value CRLF) CRLF body}, with exactly one
     *         {@code Content-Length} carrying {@code body.length}, in the place of the first one sent
     */
    static byte[] encode(String startLine, HeaderFields fields, byte[] body) {
        String length = Integer.toString(body.length);
        int size = utf8Length(startLine) + 2 + 2 + body.length;
        boolean hasLength = false;
        for (int i = 0; i < fields.size(); i++) {
            if (isContentLength(fields.name(i))) {
                if (!hasLength) {
                    size += 16 + length.length() + 2;
                    hasLength = true;
                }
            } else {
                size += fields.name(i).length() + 2 + utf8Length(fields.value(i)) + 2;
            }
        }
        if (!hasLength) {
            size += 16 + length.length() + 2;
        }
        WireWriter w = new WireWriter(size);
        w.text(startLine);
        w.crlf();
        boolean written = false;
        for (int i = 0; i < fields.size(); i++) {
            String n = fields.name(i);
            if (isContentLength(n)) {
                if (!written) {
                    w.contentLength(length);
                    written = true;
                }
            } else {
                w.ascii(n);
                w.out[w.pos++] = ':';
                w.out[w.pos++] = ' ';
                w.text(fields.value(i));
                w.crlf();
            }
        }
        if (!written) {
            w.contentLength(length);
        }
        w.crlf();
        System.arraycopy(body, 0, w.out, w.pos, body.length);
        w.pos += body.length;
        if (w.pos != size) {
            throw new IllegalStateException("wire size mismatch: " + w.pos + " != " + size);
        }
        return w.out;
    }

    private void contentLength(String length) {
        ascii("Content-Length: ");
        ascii(length);
        crlf();
    }

    private static boolean isContentLength(String name) {
        return name == "Content-Length" || name.equalsIgnoreCase("Content-Length");
    }
}
