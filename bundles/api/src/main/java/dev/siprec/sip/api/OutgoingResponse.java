package dev.siprec.sip.api;

import java.util.List;
import java.util.Objects;

/**
 * A response the request handler asks the stack to send. The stack adds {@code Via}, {@code From},
 * {@code To} (with its tag), {@code Call-ID}, {@code CSeq}, {@code Content-Length} and, for a 2xx to
 * INVITE, {@code Contact} (RFC 3261 §8.2.6); {@code headers} holds the rest.
 *
 * @param status 100–699
 * @param reason reason phrase; {@code null} for the RFC default
 * @param headers extra headers, e.g. {@code Supported}, {@code Retry-After}, {@code Require}
 * @param contentType media type of {@code body} (e.g. {@code application/sdp}), or {@code null} when there is no body
 * @param body body bytes, empty when none
 */
public record OutgoingResponse(int status, String reason, List<SipHeader> headers, String contentType, byte[] body) {

    public OutgoingResponse {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
        if (body.length > 0) {
            Objects.requireNonNull(contentType, "contentType of a non-empty body");
        }
    }

    /** A bodiless response with the default reason phrase. */
    public static OutgoingResponse of(int status) {
        return new OutgoingResponse(status, null, List.of(), null, null);
    }

    /** A bodiless response with extra headers. */
    public static OutgoingResponse of(int status, String reason, SipHeader... headers) {
        return new OutgoingResponse(status, reason, List.of(headers), null, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
