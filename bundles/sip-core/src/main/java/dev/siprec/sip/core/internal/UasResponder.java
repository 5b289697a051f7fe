package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.codec.NameAddress;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.SipSyntaxException;

/**
 * Sends responses of server requests and applies what they mean for dialogs: a 2xx to an initial
 * INVITE creates the dialog (RFC 3261 §12.1.1: To tag, Contact, Record-Route copied, route set and
 * remote target) and waits for its ACK (§13.3.1.4); a 2xx to INVITE or UPDATE carries and (re)starts
 * the session timer (RFC 4028 §9); a 2xx to BYE ends the dialog (§15.1.2) before it is sent.
 */
final class UasResponder {

    private static final Logger LOG = LoggerFactory.getLogger(UasResponder.class);

    private final SipEngine engine;

    UasResponder(SipEngine engine) {
        this.engine = engine;
    }

    /** @return the server's Contact for the request's flow (the one implementation, RFC 5952 for IPv6). */
    String contact(ServerRequestImpl sr) {
        return engine.contact(sr.arrival, sr.request.requestUri());
    }

    void send(ServerRequestImpl sr, OutgoingResponse r) {
        ParsedRequest req = sr.request;
        String method = req.method();
        int status = r.status();
        boolean success = status >= 200 && status < 300;
        List<SipHeader> headers = new ArrayList<>(r.headers());
        SipDialog dialog = sr.sipDialog();
        boolean dialogForming = "INVITE".equals(method) && status > 100 && status < 300;
        if (dialogForming) {
            // §12.1.1: responses that establish a (early or confirmed) dialog carry Contact and the Record-Route.
            if (!has(headers, "Contact")) {
                headers.add(new SipHeader("Contact", engine.contact(sr.arrival, req.requestUri())));
            }
            if (dialog == null && !has(headers, "Record-Route")) {
                for (String rr : req.headers("Record-Route")) {
                    headers.add(new SipHeader("Record-Route", rr));
                }
            }
        }
        if (success && "INVITE".equals(method) && dialog == null) {
            dialog = createDialog(sr);
        }
        if (success && ("INVITE".equals(method) || "UPDATE".equals(method)) && sr.sessionTimer != null
                && !has(headers, "Session-Expires")) {
            headers.add(new SipHeader("Session-Expires", sr.sessionTimer.sessionExpires()));
            if (sr.sessionTimer.uacSupportsTimer()) {
                headers.add(new SipHeader("Require", "timer"));
            }
        }
        if ((success && "INVITE".equals(method) || "OPTIONS".equals(method) && success) && !has(headers, "Allow")) {
            headers.add(new SipHeader("Allow", engine.allow()));
        }
        if (status >= 200 && !has(headers, "Supported")) {
            String supported = engine.supported();
            if (!supported.isEmpty()) {
                headers.add(new SipHeader("Supported", supported));
            }
        }
        byte[] bytes;
        try {
            bytes = engine.responses().build(req, sr.responseFlow, status, r.reason(), sr.toTag, headers,
                    r.contentType(), r.body());
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("cannot build {} for {}: {}", status, method, e.getMessage());
            bytes = engine.responses().build(req, sr.responseFlow, 500, "Server Internal Error", sr.toTag, List.of(), null, null);
            status = 500;
            success = false;
        }
        // Dialog state changes first: the peer may answer (ACK, next request) as soon as the bytes leave.
        applyToDialog(sr, dialog, status, success, r);
        transmit(sr, status, bytes);
    }

    private void transmit(ServerRequestImpl sr, int status, byte[] bytes) {
        if (sr.tx instanceof ServerInviteTransaction inv) {
            inv.respond(status, bytes);
        } else if (sr.tx instanceof ServerNonInviteTransaction non) {
            non.respond(status, bytes);
        }
    }

    private void applyToDialog(ServerRequestImpl sr, SipDialog dialog, int status, boolean success, OutgoingResponse r) {
        String method = sr.request.method();
        if (dialog == null || status < 200) {
            return;
        }
        switch (method) {
            case "INVITE" -> {
                boolean initial = sr.request.toTag() == null;
                if (success) {
                    dialog.awaitAck((ServerInviteTransaction) sr.tx, sr.request.cseq());
                    dialog.localBody(r.contentType(), r.body());
                    engine.startOrRefreshSessionTimer(dialog, sr.sessionTimer);
                }
                if (!initial) {
                    dialog.endIncomingInvite();
                }
            }
            case "UPDATE" -> {
                if (success) {
                    engine.startOrRefreshSessionTimer(dialog, sr.sessionTimer);
                }
            }
            case "BYE" -> {
                if (success) {
                    engine.dialogEnded(dialog, "BYE received", false); // §15.1.2
                }
            }
            default -> { }
        }
    }

    private SipDialog createDialog(ServerRequestImpl sr) {
        ParsedRequest req = sr.request;
        String localUri;
        String remoteTarget = null;
        try {
            localUri = req.to().withTag(sr.toTag).toString();
            List<NameAddress> contacts = req.nameAddresses("Contact");
            if (!contacts.isEmpty()) {
                remoteTarget = contacts.get(0).rawUri();
            }
        } catch (SipSyntaxException e) {
            localUri = req.header("To") + ";tag=" + sr.toTag;
        }
        if (remoteTarget == null) {
            remoteTarget = req.requestUri(); // no usable Contact: §12.1.1 requires one; keep something routable
        }
        String fromTag = req.fromTag() == null ? "" : req.fromTag();
        SipDialog d = new SipDialog(req.callId(), sr.toTag, fromTag, localUri, req.header("From"), remoteTarget,
                req.headers("Record-Route"), req.cseq(), sr.arrival,
                Addressing.host(engine.settings().advertisedHost(), sr.arrival, req.requestUri()), engine.dialogClient());
        d.remoteAllowsUpdate(allows(req.headers("Allow"), "UPDATE"));
        for (String note : req.tolerated()) {
            engine.tolerated(d, note);
        }
        sr.dialog(d);
        engine.dialogs().add(d);
        // DEBUG: the session layer logs each call once at its start and once at its end (issue 11: log lines per call)
        LOG.debug("dialog {} established with {} over {}", d.callId(), sr.arrival.remote(), sr.arrival.transport().transport());
        return d;
    }

    static boolean allows(List<String> allow, String method) {
        for (String v : allow) {
            for (String m : v.split(",")) {
                if (m.trim().equals(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean has(List<SipHeader> headers, String name) {
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
