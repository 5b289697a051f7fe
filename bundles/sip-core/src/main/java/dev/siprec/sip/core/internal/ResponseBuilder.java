package dev.siprec.sip.core.internal;

import java.net.InetSocketAddress;
import java.util.List;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipRequest;
import dev.siprec.sip.codec.SipMessageBuilder;
import dev.siprec.sip.codec.SipSyntaxException;
import dev.siprec.sip.codec.Via;

/**
 * Builds the wire form of responses (RFC 3261 §8.2.6): the request's Via, From, To, Call-ID and
 * CSeq copied, a To tag, {@code received}/{@code rport} on the top Via (§18.2.1, RFC 3581 §4),
 * the Server header and the caller's headers and body.
 */
final class ResponseBuilder {

    private final String server;

    ResponseBuilder(String server) {
        this.server = server;
    }

    /**
     * @param toTag To tag to add unless the request has one; ignored for 100 (§8.2.6.2)
     * @param extra further headers
     * @param contentType body media type or {@code null}
     */
    byte[] build(SipRequest request, SipConnection flow, int status, String reason, String toTag,
                 List<SipHeader> extra, String contentType, byte[] body) {
        SipMessageBuilder b = SipMessageBuilder.responseTo(request, status,
                reason == null || reason.isEmpty() ? SipMessageBuilder.reasonPhrase(status) : reason);
        if (toTag != null && status != 100 && request.toTag() == null) {
            b.toTag(toTag);
        }
        List<String> vias = request.headers("Via");
        if (!vias.isEmpty()) {
            b.header("Via", topVia(vias.get(0), flow.remote())); // replaces the copied lines in place
            for (int i = 1; i < vias.size(); i++) {
                b.addHeader("Via", vias.get(i));
            }
        }
        boolean hasServer = false;
        for (SipHeader h : extra) {
            hasServer |= h.name().equalsIgnoreCase("Server");
            b.addHeader(h.name(), h.value());
        }
        if (!hasServer && !server.isEmpty()) {
            b.header("Server", server);
        }
        if (contentType != null && body != null && body.length > 0) {
            b.body(contentType, body);
        }
        return b.encode();
    }

    /**
     * The top Via of the response: {@code received} when the sent-by host is not the source address
     * (RFC 3261 §18.2.1), {@code rport} filled when the client asked for it (RFC 3581 §4).
     */
    static String topVia(String raw, InetSocketAddress source) {
        Via via;
        try {
            via = Via.parse(raw);
        } catch (SipSyntaxException e) {
            return raw;
        }
        boolean changed = false;
        if (!Addressing.sameHost(via.host(), source.getAddress())) {
            via = via.withReceived(source.getAddress().getHostAddress());
            changed = true;
        }
        if (via.hasRport() && via.rport().isEmpty()) {
            via = via.withRport(source.getPort());
            if (!changed) {
                via = via.withReceived(source.getAddress().getHostAddress()); // RFC 3581 §4: received always with rport
            }
            changed = true;
        }
        return changed ? via.toString() : raw;
    }
}
