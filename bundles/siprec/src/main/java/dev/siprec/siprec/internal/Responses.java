package dev.siprec.siprec.internal;

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

    static SipHeader warning(int code, String text) {
        return new SipHeader("Warning", code + " srs \"" + safe(text) + "\"");
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
