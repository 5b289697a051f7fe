package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipRequest;
import dev.siprec.sip.codec.ParsedRequest;

/**
 * A request with its server transaction (RFC 3261 §17.2), as handed to the request handler. Sends
 * each response through {@link UasResponder}; enforces one final response; remembers cancellation
 * (§9.2) and runs the {@link #onCancel} actions once.
 */
final class ServerRequestImpl implements ServerRequest {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRequestImpl.class);

    final ParsedRequest request;
    final SipConnection arrival;
    final SipConnection responseFlow;
    final Transaction tx;
    final String toTag;
    volatile SessionTimerPolicy.Agreed sessionTimer;
    private final UasResponder responder;
    private volatile SipDialog dialog;
    private boolean finalSent;
    private boolean cancelled;
    private final List<Runnable> cancelActions = new ArrayList<>(1);

    ServerRequestImpl(ParsedRequest request, SipConnection arrival, SipConnection responseFlow, Transaction tx,
                      String toTag, SipDialog dialog, SessionTimerPolicy.Agreed sessionTimer, UasResponder responder) {
        this.request = request;
        this.arrival = arrival;
        this.responseFlow = responseFlow;
        this.tx = tx;
        this.toTag = toTag;
        this.dialog = dialog;
        this.sessionTimer = sessionTimer;
        this.responder = responder;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public SipConnection connection() {
        return arrival;
    }

    @Override
    public String localContact() {
        return responder.contact(this);
    }

    @Override
    public Optional<Dialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    SipDialog sipDialog() {
        return dialog;
    }

    void dialog(SipDialog d) {
        this.dialog = d;
    }

    @Override
    public void respond(OutgoingResponse response) {
        synchronized (this) {
            if (cancelled) {
                throw new IllegalStateException("request was cancelled; 487 already sent");
            }
            if (finalSent) {
                throw new IllegalStateException("a final response was already sent");
            }
            if (response.status() >= 200) {
                finalSent = true;
            }
        }
        responder.send(this, response);
    }

    /** Used by the core for its own answers (errors, 487): no exception when already answered. */
    boolean respondIfOpen(OutgoingResponse response) {
        synchronized (this) {
            if (finalSent) {
                return false;
            }
            finalSent = true;
        }
        responder.send(this, response);
        return true;
    }

    synchronized boolean isAnswered() {
        return finalSent;
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * CANCEL matched this INVITE (§9.2): 487 unless a final response was sent, then the actions.
     *
     * @return whether the request was still pending
     */
    boolean cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (finalSent || cancelled) {
                return false;
            }
            finalSent = true;
            cancelled = true;
            actions = new ArrayList<>(cancelActions);
            cancelActions.clear();
        }
        actions.forEach(ServerRequestImpl::runSafely); // first, so the handler stops before the client hears 487
        responder.send(this, OutgoingResponse.of(487));
        return true;
    }

    @Override
    public void onCancel(Runnable action) {
        boolean now;
        synchronized (this) {
            now = cancelled;
            if (!now) {
                cancelActions.add(action);
            }
        }
        if (now) {
            runSafely(action);
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("onCancel action failed: {}", e.toString());
        }
    }
}
