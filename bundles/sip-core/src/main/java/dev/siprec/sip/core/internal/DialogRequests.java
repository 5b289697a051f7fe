package dev.siprec.sip.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.api.SipResponse;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.codec.ParsedResponse;
import dev.siprec.sip.codec.SipSyntaxException;
import dev.siprec.sip.codec.SipUri;
import dev.siprec.sip.codec.Via;

/**
 * The server's requests inside a dialog (RFC 3261 §12.2.1): builds them with {@link DialogRequestBuilder},
 * picks the flow (the client's connection when it is still open, §18.2.2 / RFC 5626, else a new one
 * to the next hop), runs them through client transactions (§17.1), ACKs 2xx to re-INVITE
 * (§13.2.2.4) and ends the dialog on 481/408 (§12.2.1.2).
 */
final class DialogRequests implements SipDialog.Client {

    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    private final SipEngine engine;
    private final DialogRequestBuilder builder;

    DialogRequests(SipEngine engine) {
        this.engine = engine;
        this.builder = new DialogRequestBuilder(engine);
    }

    @Override
    public CompletionStage<SipResponse> send(SipDialog dialog, String method, List<SipHeader> headers, String contentType, byte[] body) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        boolean invite = "INVITE".equals(method);
        if ("ACK".equals(method) || "CANCEL".equals(method)) {
            result.completeExceptionally(new IllegalArgumentException(method + " is sent by the core itself"));
            return result;
        }
        if (invite && !dialog.beginOutgoingInvite()) {
            result.completeExceptionally(new IllegalStateException("an INVITE is pending in dialog " + dialog.id() + " (RFC 3261 §14.1)"));
            return result;
        }
        CompletableFuture<SipConnection> flowLookup;
        try {
            flowLookup = flowFor(dialog);
        } catch (IOException | RuntimeException e) {
            flowLookup = CompletableFuture.failedFuture(e);
        }
        // Completed at once unless a host name must be looked up; then the rest runs on the lookup's
        // thread, never on the SIP timer thread (a slow name stalls no retransmission).
        flowLookup.whenComplete((flow, error) -> {
            if (error != null) {
                if (invite) {
                    dialog.endOutgoingInvite();
                }
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                LOG.debug("{} in dialog {} not sent: no flow: {}", method, dialog.callId(), cause.toString());
                result.completeExceptionally(new IOException("no flow for dialog " + dialog.id() + ": " + cause.getMessage(), cause));
                return;
            }
            start(dialog, flow, method, headers, contentType, body, result);
        });
        return result;
    }

    private void start(SipDialog dialog, SipConnection flow, String method, List<SipHeader> headers, String contentType,
                       byte[] body, CompletableFuture<SipResponse> result) {
        boolean invite = "INVITE".equals(method);
        long cseq = dialog.nextLocalCseq();
        String branch = engine.ids.branch();
        DialogRequestBuilder.Built req;
        try {
            req = builder.build(dialog, flow, method, cseq, branch, headers, contentType, body);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (invite) {
                dialog.endOutgoingInvite();
            }
            result.completeExceptionally(e);
            return;
        }
        TransactionKey key = TransactionKey.client(branch, method);
        ClientListener listener = new ClientListener() {
            @Override
            public void response(SipResponse r) {
                answered(dialog, flow, req, r, result);
            }

            @Override
            public void timeout() {
                finish(dialog, invite);
                result.completeExceptionally(new TimeoutException(method + " timed out (RFC 3261 §17.1, Timer " + (invite ? "B" : "F") + ")"));
                terminated(dialog, method + " timed out", true);
            }

            @Override
            public void transportError() {
                finish(dialog, invite);
                result.completeExceptionally(new IOException(method + " could not be sent to " + flow.remote()));
            }
        };
        Transaction tx = invite
                ? new ClientInviteTransaction(key, flow, engine.timers, engine.settings().timers(), engine.transactions,
                        req.bytes(), r -> builder.ackForError(req, r), listener)
                : new ClientNonInviteTransaction(key, flow, engine.timers, engine.settings().timers(), engine.transactions,
                        req.bytes(), listener);
        engine.transactions.putIfAbsent(tx);
        if (tx instanceof ClientInviteTransaction c) {
            c.start();
        } else {
            ((ClientNonInviteTransaction) tx).start();
        }
    }

    private void answered(SipDialog dialog, SipConnection flow, DialogRequestBuilder.Built req, SipResponse r,
                          CompletableFuture<SipResponse> result) {
        int status = r.statusCode();
        boolean invite = "INVITE".equals(req.method());
        if (invite && status >= 200 && status < 300) {
            // §13.2.2.4: the ACK of a 2xx is the TU's job, and is repeated for every retransmitted 2xx.
            try {
                flow.send(builder.ackFor2xx(dialog, flow, req));
            } catch (IOException | RuntimeException e) {
                LOG.debug("ACK for 2xx not sent: {}", e.toString());
            }
        }
        if (status < 200 || result.isDone()) {
            return;
        }
        finish(dialog, invite);
        result.complete(r);
        if ((status == 481 || status == 408) && !"BYE".equals(req.method())) {
            terminated(dialog, req.method() + " answered " + status + " (RFC 3261 §12.2.1.2)", true);
        }
    }

    private static void finish(SipDialog dialog, boolean invite) {
        if (invite) {
            dialog.endOutgoingInvite();
        }
    }

    /**
     * §18.2.2 / RFC 5626 §5: reuse the flow the client opened. Otherwise, by default
     * ({@code route.to.contact=false}), go back to the address the dialog's requests came from: for
     * UDP that source address and port, for TCP/TLS a new connection to the source address (the
     * target's port), so that a forged Contact or Record-Route never aims the server at a third host.
     * With {@code route.to.contact=true}, the next hop of §12.2.1.1 (route set, else remote target),
     * its host name looked up off this thread.
     */
    private CompletableFuture<SipConnection> flowFor(SipDialog dialog) throws IOException {
        SipConnection current = dialog.connection();
        SipTransport transport = current.transport();
        if (transport.reliable() && current.isOpen()) {
            return CompletableFuture.completedFuture(current);
        }
        String hop = dialog.routeSet().isEmpty() ? dialog.remoteTarget() : builder.routeUri(dialog.routeSet().get(0));
        CoreSettings s = engine.settings();
        if (!s.routeToContact()) {
            if (!transport.reliable()) {
                return CompletableFuture.completedFuture(current);
            }
            InetSocketAddress back = new InetSocketAddress(current.remote().getAddress(), port(hop, transport));
            return engine.dns().offThread(() -> open(transport, current, back, host(hop))); // a connect may block
        }
        SipUri u = uri(hop);
        String name = u.maddr() != null ? u.maddr() : u.host();
        int port = port(hop, transport);
        return engine.dns().lookup(name, s.dnsTimeoutMs(), s.dnsCacheSeconds()).thenCompose(address -> {
            InetSocketAddress next = new InetSocketAddress(address, port);
            return transport.reliable() ? engine.dns().offThread(() -> open(transport, current, next, host(hop)))
                    : CompletableFuture.completedFuture(transport.connection(next).orElse(current));
        });
    }

    private static SipConnection open(SipTransport transport, SipConnection current, InetSocketAddress next, String serverName)
            throws IOException {
        var existing = transport.connection(current.remote());
        if (existing.isPresent() && existing.get().isOpen()) {
            return existing.get();
        }
        return transport.connect(next, serverName);
    }

    private static SipUri uri(String uri) throws IOException {
        try {
            return SipUri.parse(SipUri.escapeUser(uri)); // a user part kept opaque on receipt
        } catch (SipSyntaxException e) {
            throw new IOException("unusable target URI: " + e.reason(), e);
        }
    }

    private static int port(String uri, SipTransport transport) {
        int p;
        try {
            p = SipUri.parse(SipUri.escapeUser(uri)).port();
        } catch (SipSyntaxException e) {
            p = 0;
        }
        return p > 0 ? p : transport.secure() ? 5061 : 5060;
    }

    private static String host(String uri) {
        try {
            return SipUri.parse(SipUri.escapeUser(uri)).host();
        } catch (SipSyntaxException e) {
            return null;
        }
    }

    /** §17.1.3: a response matches the client transaction of its top Via branch and CSeq method. */
    void responseReceived(ParsedResponse resp) {
        Via top;
        try {
            top = resp.via();
        } catch (SipSyntaxException e) {
            engine.dropped.incrementAndGet();
            return;
        }
        if (top == null || top.branch() == null || resp.cseqMethod() == null) {
            engine.dropped.incrementAndGet();
            return;
        }
        Transaction tx = engine.transactions.get(TransactionKey.client(top.branch(), resp.cseqMethod()));
        if (tx instanceof ClientInviteTransaction c) {
            c.responseReceived(resp);
        } else if (tx instanceof ClientNonInviteTransaction c) {
            c.responseReceived(resp);
        } else {
            engine.dropped.incrementAndGet();
            LOG.debug("response {} matching no client transaction dropped", resp.statusCode());
        }
    }

    @Override
    public void terminated(SipDialog dialog, String reason, boolean notifyHandler) {
        if (!dialog.markTerminated()) {
            return;
        }
        dialog.stopAwaitingAck();
        engine.dialogs().remove(dialog);
        LOG.debug("dialog {} terminated: {}", dialog.callId(), reason); // the session layer logs the end of each call
        HandlerRegistry.Entry e = engine.handlers.current();
        if (notifyHandler && e != null) {
            SipRequestHandler h = e.handler();
            try {
                engine.handlerExecutor.execute(() -> {
                    try {
                        h.dialogTerminated(dialog, reason);
                    } catch (RuntimeException ex) {
                        LOG.warn("dialogTerminated failed: {}", ex.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException ex) {
                LOG.warn("dialogTerminated for {} not delivered: executor stopped", dialog.callId());
            }
        }
    }
}
