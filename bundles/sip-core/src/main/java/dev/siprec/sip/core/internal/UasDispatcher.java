package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.codec.NameAddress;
import dev.siprec.sip.codec.SipSyntaxException;

/**
 * Decides, for a checked new request, what the core answers itself (OPTIONS, 481, 491, 500, 503,
 * 422, bodiless session refreshes, BYE without a handler) and what goes to the request handler, on
 * the handler executor — never on the transport's I/O thread.
 */
final class UasDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(UasDispatcher.class);

    private final SipEngine engine;
    /** The note for a BYE whose CSeq is lower than the dialog's last remote one. */
    /** Reason phrase of the 503 while no request handler is registered. */
    static final String NO_HANDLER = "Service Unavailable (no request handler)";
    static final String LOW_CSEQ_BYE = "BYE with a CSeq lower than the previous request's (accepted: it ends the session)";

    UasDispatcher(SipEngine engine) {
        this.engine = engine;
    }

    /** Requests without a To tag (RFC 3261 §8.2). */
    void outOfDialog(ServerRequestImpl sr) {
        switch (sr.request.method()) {
            case "OPTIONS" -> sr.respondIfOpen(overloaded() ? unavailable() : engine.unhealthy() ? unhealthy()
                    : engine.handlers.current() == null ? noHandler() : optionsOk());
            case "INVITE" -> {
                if (overloaded()) {
                    sr.respondIfOpen(unavailable());
                } else if (negotiateTimer(sr)) {
                    toHandler(sr);
                }
            }
            // §12.2.2 / RFC 3311: these only exist inside a dialog.
            case "BYE", "UPDATE", "INFO", "PRACK" -> sr.respondIfOpen(OutgoingResponse.of(481));
            default -> toHandler(sr);
        }
    }

    /** Requests with a To tag: matched to a dialog (§12.2.2). */
    void inDialog(ServerRequestImpl sr) {
        SipDialog d = engine.dialogs().find(sr.request.callId(), sr.request.toTag(), sr.request.fromTag());
        if (d == null) {
            sr.respondIfOpen(OutgoingResponse.of(481));
            return;
        }
        inDialog(sr, d);
    }

    /** A request matched to dialog {@code d} (by its tags, or tolerated without To tag). */
    void inDialog(ServerRequestImpl sr, SipDialog d) {
        for (String note : sr.request.tolerated()) {
            engine.tolerated(d, note);
        }
        if (!d.acceptRemoteCseq(sr.request.cseq())) {
            if (!"BYE".equals(sr.request.method())) {
                sr.respondIfOpen(OutgoingResponse.of(500, "CSeq Out of Order"));
                return;
            }
            // Ending the recording is what the client asks, whatever the number (§12.2.2 would say 500).
            engine.tolerated(d, LOW_CSEQ_BYE);
        }
        sr.dialog(d);
        d.flow(sr.arrival);
        HandlerRegistry.Entry handler = engine.handlers.current();
        switch (sr.request.method()) {
            case "INVITE" -> reInvite(sr, d);
            case "UPDATE" -> {
                if (!negotiateTimer(sr)) {
                    return;
                }
                updateTarget(sr, d);
                if (takes(handler, "UPDATE")) {
                    toHandler(sr);
                } else if (sr.request.body().length > 0) {
                    // An offer nobody can answer (RFC 3311 §5.2): the session stays as it was.
                    sr.respondIfOpen(OutgoingResponse.of(488));
                } else {
                    sr.respondIfOpen(OutgoingResponse.of(200)); // a bodiless session refresh (RFC 4028 §7.2)
                }
            }
            case "BYE" -> {
                if (takes(handler, "BYE")) {
                    toHandler(sr);
                } else {
                    sr.respondIfOpen(OutgoingResponse.of(200));
                    engine.dialogEnded(d, "BYE received", true);
                }
            }
            case "OPTIONS" -> sr.respondIfOpen(optionsOk());
            default -> toHandler(sr);
        }
    }

    /** §14.2: 491 while our own INVITE is pending, 500 + Retry-After while another of theirs is. */
    private void reInvite(ServerRequestImpl sr, SipDialog d) {
        if (d.outgoingInvitePending()) {
            sr.respondIfOpen(OutgoingResponse.of(491));
            return;
        }
        if (!negotiateTimer(sr)) {
            return;
        }
        if (!d.beginIncomingInvite()) {
            sr.respondIfOpen(OutgoingResponse.of(500, "Previous INVITE Pending", RequestRouter.retryAfterRandom()));
            return;
        }
        updateTarget(sr, d);
        toHandler(sr);
    }

    private static void updateTarget(ServerRequestImpl sr, SipDialog d) {
        try {
            List<NameAddress> contacts = sr.request.nameAddresses("Contact");
            if (!contacts.isEmpty()) {
                d.remoteTarget(contacts.get(0).rawUri()); // §12.2.2 target refresh
            }
        } catch (SipSyntaxException e) {
            LOG.debug("unusable Contact in target refresh: {}", e.reason());
        }
    }

    /** RFC 4028 §9 for INVITE and UPDATE: 422 when too small, else remember the agreement. */
    private boolean negotiateTimer(ServerRequestImpl sr) {
        CoreSettings s = engine.settings();
        SessionTimerPolicy.Outcome o;
        try {
            o = SessionTimerPolicy.negotiate(sr.request, s.sessionExpires(), s.minSe(), s.maxSessionExpires(),
                    engine.sessionTimersEnabled());
        } catch (IllegalArgumentException e) {
            sr.respondIfOpen(OutgoingResponse.of(400, "Invalid Session-Expires or Min-SE"));
            return false;
        }
        if (o instanceof SessionTimerPolicy.Reject r) {
            sr.respondIfOpen(OutgoingResponse.of(422, null, new SipHeader("Min-SE", Integer.toString(r.minSe()))));
            return false;
        }
        if (o instanceof SessionTimerPolicy.Agreed a) {
            sr.sessionTimer = a;
        }
        return true;
    }

    private boolean overloaded() {
        return engine.draining() || engine.dialogs().size() >= engine.settings().maxDialogs();
    }

    private OutgoingResponse unavailable() {
        return OutgoingResponse.of(503, engine.draining() ? "Service Unavailable (draining)" : "Service Unavailable (at capacity)",
                new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter())));
    }

    /**
     * No request handler is registered (starting, or the session bundle stopped): a load balancer's
     * probe learns that this node takes no calls yet.
     */
    private OutgoingResponse noHandler() {
        return OutgoingResponse.of(503, NO_HANDLER, new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter())));
    }

    /** A load balancer's probe learns that this node should take no calls (RFC 3261 §21.5.4). */
    private OutgoingResponse unhealthy() {
        return OutgoingResponse.of(503, "Service Unavailable (unhealthy)",
                new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter())));
    }

    /** RFC 3261 §11.2: Allow, Accept, Supported (Accept-Encoding and Accept-Language are optional). */
    private OutgoingResponse optionsOk() {
        List<SipHeader> h = new ArrayList<>();
        h.add(new SipHeader("Allow", engine.allow()));
        h.add(new SipHeader("Accept", String.join(", ", engine.accepted())));
        h.add(new SipHeader("Accept-Encoding", "identity"));
        String supported = engine.supported();
        if (!supported.isEmpty()) {
            h.add(new SipHeader("Supported", supported));
        }
        return new OutgoingResponse(200, null, h, null, null);
    }

    private static boolean takes(HandlerRegistry.Entry handler, String method) {
        return handler != null && handler.methods().contains(method);
    }

    private static void handle(HandlerRegistry.Entry entry, ServerRequestImpl sr) {
        try {
            entry.handler().handle(sr);
        } catch (RuntimeException e) {
            LOG.warn("request handler failed on {}: {}", sr.request.method(), e.toString(), e);
            sr.respondIfOpen(OutgoingResponse.of(500));
        }
    }

    /**
     * Hands the request to the handler on the executor, or on this thread when the handler does not
     * block; 503 when none is registered or the queue is full.
     */
    private void toHandler(ServerRequestImpl sr) {
        HandlerRegistry.Entry entry = engine.handlers.current();
        if (entry == null) {
            sr.respondIfOpen(OutgoingResponse.of(503, NO_HANDLER,
                    new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter()))));
            return;
        }
        if (entry.inline()) {
            handle(entry, sr); // the handler promised not to block (HandlerRegistry.INLINE)
            return;
        }
        try {
            engine.handlerExecutor.execute(() -> handle(entry, sr));
        } catch (RejectedExecutionException e) {
            sr.respondIfOpen(OutgoingResponse.of(503, "Overloaded",
                    new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter()))));
        }
    }
}
