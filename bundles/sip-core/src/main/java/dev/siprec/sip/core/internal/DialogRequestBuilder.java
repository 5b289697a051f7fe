package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipResponse;
import dev.siprec.sip.codec.NameAddress;
import dev.siprec.sip.codec.SipMessageBuilder;
import dev.siprec.sip.codec.SipSyntaxException;
import dev.siprec.sip.codec.SipUri;

/**
 * Builds requests within a dialog (RFC 3261 §12.2.1.1): Request-URI and Route from the remote
 * target and route set (loose or strict routing), From/To with the dialog's tags, the next local
 * CSeq, a fresh Via branch with {@code rport} (RFC 3581), Max-Forwards and Contact; and the two kinds
 * of ACK (§17.1.1.3 for errors, §13.2.2.4 for 2xx).
 */
final class DialogRequestBuilder {

    /** What was sent, kept to build its ACK. */
    record Built(String method, String requestUri, List<String> routes, String via, String from, String to,
                 String callId, long cseq, byte[] bytes) { }

    private final SipEngine engine;

    DialogRequestBuilder(SipEngine engine) {
        this.engine = engine;
    }

    Built build(SipDialog d, SipConnection flow, String method, long cseq, String branch, List<SipHeader> extra,
                String contentType, byte[] body) {
        // A user part kept opaque on receipt is sent in its escaped, equivalent form (RFC 3261 §19.1.4).
        String target = dev.siprec.sip.codec.SipUri.escapeUser(d.remoteTarget());
        List<String> routes = new ArrayList<>();
        String requestUri = target;
        List<String> set = d.routeSet();
        if (!set.isEmpty()) {
            if (isLoose(set.get(0))) {
                routes.addAll(set);
            } else {
                requestUri = routeUri(set.get(0));
                routes.addAll(set.subList(1, set.size()));
                routes.add("<" + target + ">");
            }
        }
        String host = d.localHost();
        String via = "SIP/2.0/" + flow.transport().transport().toUpperCase(Locale.ROOT) + " " + host + ":"
                + flow.transport().localAddress().getPort() + ";branch=" + branch + ";rport";
        SipMessageBuilder b = SipMessageBuilder.request(method, requestUri)
                .addHeader("Via", via)
                .header("Max-Forwards", Integer.toString(engine.settings().maxForwards()))
                .header("From", d.localUri())
                .header("To", d.remoteUri())
                .header("Call-ID", d.callId())
                .header("CSeq", cseq + " " + method);
        for (String r : routes) {
            b.addHeader("Route", r);
        }
        if ("INVITE".equals(method) || "UPDATE".equals(method)) {
            b.header("Contact", Addressing.contact(host, flow));
        }
        String ua = engine.settings().userAgent();
        if (!ua.isEmpty()) {
            b.header("User-Agent", ua);
        }
        for (SipHeader h : extra) {
            b.addHeader(h.name(), h.value());
        }
        if (contentType != null && body != null && body.length > 0) {
            b.body(contentType, body);
        }
        return new Built(method, requestUri, routes, via, d.localUri(), d.remoteUri(), d.callId(), cseq, b.encode());
    }

    /** §13.2.2.4: ACK for a 2xx to our re-INVITE — a new branch, same CSeq number, same routing. */
    byte[] ackFor2xx(SipDialog d, SipConnection flow, Built invite) {
        String via = "SIP/2.0/" + flow.transport().transport().toUpperCase(Locale.ROOT) + " " + d.localHost() + ":"
                + flow.transport().localAddress().getPort() + ";branch=" + engine.ids.branch() + ";rport";
        return ack(invite, via, invite.to()).encode();
    }

    /** §17.1.1.3: ACK for a 3xx–6xx — the INVITE's Via (same branch) and the response's To. */
    byte[] ackForError(Built invite, SipResponse response) {
        String to = response.header("To");
        return ack(invite, invite.via(), to == null ? invite.to() : to).encode();
    }

    private SipMessageBuilder ack(Built invite, String via, String to) {
        SipMessageBuilder b = SipMessageBuilder.request("ACK", invite.requestUri())
                .addHeader("Via", via)
                .header("Max-Forwards", Integer.toString(engine.settings().maxForwards()))
                .header("From", invite.from())
                .header("To", to)
                .header("Call-ID", invite.callId())
                .header("CSeq", invite.cseq() + " ACK");
        for (String r : invite.routes()) {
            b.addHeader("Route", r);
        }
        return b;
    }

    /** @return the URI of a Route/Record-Route value. */
    String routeUri(String route) {
        try {
            return NameAddress.parse(route).rawUri();
        } catch (SipSyntaxException e) {
            throw new IllegalStateException("unusable route " + e.reason(), e);
        }
    }

    private boolean isLoose(String route) {
        try {
            SipUri u = NameAddress.parse(route).uri();
            return u != null && u.lr();
        } catch (SipSyntaxException e) {
            return true;
        }
    }
}
