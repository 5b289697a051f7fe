package dev.siprec.sip.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a {@code multipart/mixed} body (RFC 2046 §5.1.1), e.g. an SDP offer plus RFC 7865 recording
 * metadata. The boundary is checked against every part's content. Not thread-safe.
 */
public final class MultipartWriter {
    private final String boundary;
    private final List<Map<String, String>> headers = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();

    /** A writer with a random boundary. */
    public MultipartWriter() {
        this("siprec-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** @param boundary 1–70 characters of the RFC 2046 {@code bchars} set, not ending in a space */
    public MultipartWriter(String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new IllegalArgumentException("invalid multipart boundary");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!Chars.isAlpha(c) && !Chars.isDigit(c) && "'()+_,-./:=? ".indexOf(c) < 0) {
                throw new IllegalArgumentException("invalid multipart boundary");
            }
        }
        this.boundary = boundary;
    }

    /** Adds a part with {@code Content-Type} only. */
    public MultipartWriter addPart(String contentType, byte[] body) {
        return addPart(contentType, null, body);
    }

    /** Adds a part with {@code Content-Type} and, if not null, {@code Content-Disposition}. */
    public MultipartWriter addPart(String contentType, String contentDisposition, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        if (contentDisposition != null) {
            h.put("Content-Disposition", contentDisposition);
        }
        return addPart(h, body);
    }

    /**
     * Adds a part with arbitrary headers (in map order).
     *
     * @throws IllegalArgumentException if a header is invalid (CR/LF injection) or the content holds
     *         the boundary delimiter
     */
    public MultipartWriter addPart(Map<String, String> partHeaders, byte[] body) {
        for (Map.Entry<String, String> e : partHeaders.entrySet()) {
            ParsedMessage.checkHeader(e.getKey(), e.getValue());
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + delimiter.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                throw new IllegalArgumentException("part content contains the multipart boundary");
            }
        }
        headers.add(new LinkedHashMap<>(partHeaders));
        bodies.add(body.clone());
        return this;
    }

    /** @return the boundary */
    public String boundary() {
        return boundary;
    }

    /** @return the {@code Content-Type} value for the message, e.g. {@code multipart/mixed;boundary=...} */
    public String contentType() {
        boolean token = boundary.chars().allMatch(Chars::isToken);
        return "multipart/mixed;boundary=" + (token ? boundary : Cursor.quote(boundary));
    }

    /**
     * @return the body: each part after a {@code --boundary} line, then the close delimiter
     * @throws IllegalStateException if no part was added
     */
    public byte[] toByteArray() {
        if (bodies.isEmpty()) {
            throw new IllegalStateException("a multipart body needs at least one part");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + bodies.stream().mapToInt(b -> b.length).sum());
        for (int i = 0; i < bodies.size(); i++) {
            StringBuilder h = new StringBuilder(128).append("--").append(boundary).append("\r\n");
            headers.get(i).forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            h.append("\r\n");
            out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bodies.get(i));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
