package dev.siprec.sip.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipResponse;

/**
 * The running session timer of one dialog (RFC 4028 §10). When the server refreshes, it sends a
 * bodiless UPDATE at half the interval (or, when the client's Allow lacks UPDATE, a re-INVITE
 * offering the last session description unchanged); when the client refreshes and no refresh
 * arrives, the server sends BYE at SE − min(32 s, SE/3) and reports the dialog terminated.
 */
final class SessionTimer {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTimer.class);

    private final SipDialog dialog;
    private final SipTimers timers;
    private final SipDialog.Client client;
    private final int minSe;
    private SessionTimerPolicy.Agreed agreed;
    private SipTimers.Timer timer = SipTimers.NONE;
    private boolean stopped;

    SessionTimer(SipDialog dialog, SipTimers timers, SipDialog.Client client, int minSe, SessionTimerPolicy.Agreed agreed) {
        this.dialog = dialog;
        this.timers = timers;
        this.client = client;
        this.minSe = minSe;
        this.agreed = agreed;
    }

    synchronized SessionTimerPolicy.Agreed agreed() {
        return agreed;
    }

    /** (Re)starts the timer with a newly agreed interval: a 2xx to INVITE, re-INVITE or UPDATE was sent or received. */
    synchronized void restart(SessionTimerPolicy.Agreed newAgreement) {
        if (stopped) {
            return;
        }
        agreed = newAgreement;
        timer.cancel();
        timer = agreed.uasRefreshes()
                ? timers.schedule(agreed.refreshDelayMs(), this::refresh)
                : timers.schedule(agreed.expiryDelayMs(), this::expired);
    }

    synchronized void stop() {
        stopped = true;
        timer.cancel();
    }

    /** §10: the server is the refresher; half the interval has passed. */
    private void refresh() {
        SessionTimerPolicy.Agreed a;
        synchronized (this) {
            if (stopped) {
                return;
            }
            a = agreed;
        }
        List<SipHeader> headers = new ArrayList<>();
        headers.add(new SipHeader("Session-Expires", a.sessionExpires()));
        headers.add(new SipHeader("Min-SE", Integer.toString(minSe)));
        headers.add(new SipHeader("Supported", "timer"));
        CompletionStage<SipResponse> r;
        if (dialog.remoteAllowsUpdate()) {
            r = client.send(dialog, "UPDATE", headers, null, null);
        } else {
            r = client.send(dialog, "INVITE", headers, dialog.localBodyType(), dialog.localBody());
        }
        LOG.debug("session refresh sent in {}", dialog.id());
        r.whenComplete((resp, err) -> refreshAnswered(a, resp, err));
    }

    private void refreshAnswered(SessionTimerPolicy.Agreed sent, SipResponse resp, Throwable err) {
        if (err == null && resp != null && resp.statusCode() >= 200 && resp.statusCode() < 300) {
            restart(fromResponse(resp, sent));
            return;
        }
        boolean glare = err == null ? resp != null && resp.statusCode() == 491
                : unwrap(err) instanceof IllegalStateException && dialog.state() != SipDialog.State.TERMINATED;
        if (glare) {
            // Glare with an INVITE of the client (491, or theirs still pending): retry shortly (RFC 3261 §14.1).
            synchronized (this) {
                if (!stopped) {
                    timer = timers.schedule(2_000, this::refresh);
                }
            }
            return;
        }
        String why = err != null ? "session refresh failed: " + err.getMessage()
                : "session refresh rejected with " + (resp == null ? "no response" : resp.statusCode());
        LOG.info("{} in dialog {}; ending it", why, dialog.id());
        client.send(dialog, "BYE", List.of(), null, null);
        client.terminated(dialog, why, true);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** The 2xx to a refresh may change the interval (RFC 4028 §7.2). */
    private static SessionTimerPolicy.Agreed fromResponse(SipResponse resp, SessionTimerPolicy.Agreed sent) {
        try {
            SessionTimerPolicy.SessionExpires se = SessionTimerPolicy.SessionExpires.parse(resp.header("Session-Expires"));
            if (se == null) {
                return sent;
            }
            boolean uas = se.refresher() == null || se.refresher().equals("uac"); // we were the UAC of the refresh
            return new SessionTimerPolicy.Agreed((int) se.delta(), uas, sent.uacSupportsTimer());
        } catch (IllegalArgumentException e) {
            return sent;
        }
    }

    /** §10: the client is the refresher and no refresh arrived in time: BYE, then tell the handler. */
    private void expired() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        LOG.info("session timer expired in dialog {}: sending BYE", dialog.id());
        client.send(dialog, "BYE", List.of(), null, null);
        client.terminated(dialog, "session timer expired (RFC 4028 §10)", true);
    }
}
