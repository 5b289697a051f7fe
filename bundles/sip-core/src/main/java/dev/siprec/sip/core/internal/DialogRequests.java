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
        SipConnection flow;
        try {
            flow = flowFor(dialog);
        } catch (IOException | RuntimeException e) {
            if (invite) {
                dialog.endOutgoingInvite();
            }
            result.completeExceptionally(new IOException("no flow for dialog " + dialog.id() + ": " + e.getMessage(), e));
            return result;
        }
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
            return result;
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
        return result;
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

    /** §18.2.2 / RFC 5626 §5: reuse the flow the client opened; else open one to the next hop. */
    private SipConnection flowFor(SipDialog dialog) throws IOException {
        SipConnection current = dialog.connection();
        SipTransport transport = current.transport();
        if (transport.reliable() && current.isOpen()) {
            return current;
        }
        String hop = dialog.routeSet().isEmpty() ? dialog.remoteTarget() : builder.routeUri(dialog.routeSet().get(0));
        InetSocketAddress next = nextHop(hop, transport);
        if (transport.reliable()) {
            var existing = transport.connection(current.remote());
            if (existing.isPresent() && existing.get().isOpen()) {
                return existing.get();
            }
            return transport.connect(next, host(hop));
        }
        return transport.connection(next).orElse(current);
    }

    private static InetSocketAddress nextHop(String uri, SipTransport transport) throws IOException {
        try {
            SipUri u = SipUri.parse(uri);
            String maddr = u.maddr();
            String host = maddr != null ? maddr : u.host();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = u.port() > 0 ? u.port() : transport.secure() ? 5061 : 5060;
            InetSocketAddress a = new InetSocketAddress(host, port);
            if (a.isUnresolved()) {
                throw new IOException("cannot resolve " + host);
            }
            return a;
        } catch (SipSyntaxException e) {
            throw new IOException("unusable target URI: " + e.reason(), e);
        }
    }

    private static String host(String uri) {
        try {
            return SipUri.parse(uri).host();
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
        LOG.info("dialog {} terminated: {}", dialog.callId(), reason);
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
