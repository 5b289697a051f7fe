package dev.siprec.siprec.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipHeader;

/** Builds the session layer's error responses with safe reason phrases and {@code Warning} headers (RFC 3261 §20.43). */
final class Responses {
    /** {@code 399 Miscellaneous warning}. */
    static final int WARN_MISC = 399;
    /** {@code 304 Media type not available}. */
    static final int WARN_MEDIA = 304;
    /** {@code 305 Incompatible media format}. */
    static final int WARN_FORMAT = 305;

    private Responses() {
    }

    /** @return {@code text} without control characters, quotes or backslashes, at most 120 characters. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), 120));
        for (int i = 0; i < text.length() && b.length() < 120; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? ' ' : c);
        }
        return b.toString().strip();
    }

    /** Largest {@code Warning} text in UTF-8 bytes; a longer reason is cut at a word and ends with {@code ...}. */
    static final int MAX_WARNING_BYTES = 400;

    /**
     * @return {@code text} for a {@code Warning} quoted-string (RFC 3261 §25.1): control characters,
     *         quotes and backslashes become spaces; whole up to {@link #MAX_WARNING_BYTES} UTF-8 bytes,
     *         otherwise cut at the last word boundary that fits, followed by {@code ...}
     */
    static String warningText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? ' ' : c);
        }
        String clean = b.toString().strip();
        if (clean.getBytes(StandardCharsets.UTF_8).length <= MAX_WARNING_BYTES) {
            return clean;
        }
        int bytes = 0;
        int end = 0;
        int lastBreak = -1;
        while (end < clean.length()) {
            int cp = clean.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_WARNING_BYTES - 3) {
                break;
            }
            if (cp == ' ') {
                lastBreak = end;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        String head = clean.substring(0, lastBreak > 0 ? lastBreak : end).stripTrailing();
        while (head.endsWith(";") || head.endsWith(",") || head.endsWith(":")) {
            head = head.substring(0, head.length() - 1).stripTrailing();
        }
        return head + "...";
    }

    static SipHeader warning(int code, String text) {
        return new SipHeader("Warning", code + " srs \"" + warningText(text) + "\"");
    }

    /**
     * @return how a refusal reads in the log: status, reason phrase and the {@code Warning} text
     *         when there is one, e.g. {@code 488 Not Acceptable Here: no m-line acceptable: ...}
     */
    static String describe(OutgoingResponse r) {
        StringBuilder b = new StringBuilder().append(r.status());
        if (r.reason() != null) {
            b.append(' ').append(r.reason());
        }
        for (SipHeader h : r.headers()) {
            if ("Warning".equalsIgnoreCase(h.name())) {
                String v = h.value();
                int q = v.indexOf('"');
                b.append(": ").append(q >= 0 && v.endsWith("\"") && v.length() > q + 1 ? v.substring(q + 1, v.length() - 1) : v);
            }
        }
        return b.toString();
    }

    static OutgoingResponse error(int status, String reason) {
        return new OutgoingResponse(status, safe(reason), List.of(), null, null);
    }

    static OutgoingResponse withWarning(int status, String reason, int warnCode, String warning) {
        return new OutgoingResponse(status, safe(reason), List.of(warning(warnCode, warning)), null, null);
    }

    static OutgoingResponse unavailable(String reason, int retryAfterSeconds) {
        return new OutgoingResponse(503, safe(reason), List.of(new SipHeader("Retry-After", Integer.toString(retryAfterSeconds))),
                null, null);
    }

    static OutgoingResponse unsupportedMedia(String reason) {
        return new OutgoingResponse(415, safe(reason), List.of(new SipHeader("Accept", String.join(", ", BodyParts.ACCEPTED))),
                null, null);
    }

    /** A 2xx with our Contact (carrying {@code +sip.srs}, RFC 7866 §6.1.1) and an SDP body when given. */
    static OutgoingResponse ok(String contact, String sdp) {
        List<SipHeader> h = new ArrayList<>();
        if (contact != null) {
            h.add(new SipHeader("Contact", contact));
        }
        return new OutgoingResponse(200, null, h, sdp == null ? null : BodyParts.SDP,
                sdp == null ? null : sdp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
