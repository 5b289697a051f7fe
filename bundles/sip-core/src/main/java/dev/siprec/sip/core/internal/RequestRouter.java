package dev.siprec.sip.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.codec.CSeq;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.SipSyntaxException;
import dev.siprec.sip.codec.Via;

/**
 * Routes each request (RFC 3261 §17.2.3 matching, then §8.2 checks, then dialog matching §12.2.2):
 * retransmissions go to their transaction, ACK to its INVITE transaction or dialog, CANCEL to its
 * INVITE (§9.2), new requests get a server transaction and — after the checks — the core's own
 * answer (OPTIONS, 481, 503...) or the request handler ({@link UasDispatcher}).
 */
final class RequestRouter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRouter.class);

    private final SipEngine engine;
    private final UasResponder responder;
    private final UasDispatcher dispatcher;
    private final Map<TransactionKey, ServerRequestImpl> invites = new ConcurrentHashMap<>();
    /** The note for an ACK or BYE accepted without To tag. */
    static final String NO_TO_TAG = "%s without To tag, matched to the one dialog of its Call-ID and From tag";

    RequestRouter(SipEngine engine) {
        this.engine = engine;
        this.responder = new UasResponder(engine);
        this.dispatcher = new UasDispatcher(engine);
    }

    /** @param size the request's size on the wire, accounted against {@code max.retained.bytes} while its transaction lives */
    void route(SipConnection conn, ParsedRequest req, int size) {
        java.util.Optional<String> refusal = engine.refusal(conn);
        if (refusal.isPresent()) {
            refuse(conn, req, refusal.get());
            return;
        }
        Via top;
        CSeq cseq;
        try {
            top = req.via();
            cseq = req.cseqHeader();
        } catch (SipSyntaxException e) {
            stateless(conn, req, OutgoingResponse.of(400, "Bad Request: " + e.reason()));
            return;
        }
        if (top == null || cseq == null || req.callId() == null || req.header("From") == null || req.header("To") == null) {
            engine.dropped.incrementAndGet();
            LOG.debug("request without Via/CSeq/Call-ID/From/To from {} dropped", conn.remote());
            return;
        }
        if (!cseq.method().equals(req.method()) && !("ACK".equals(req.method()) && "INVITE".equals(cseq.method()))) {
            stateless(conn, req, OutgoingResponse.of(400, "CSeq method does not match"));
            return;
        }
        TransactionKey key = key(req, top);
        if ("ACK".equals(req.method())) {
            ack(req, key);
            return;
        }
        Transaction existing = engine.transactions.get(key);
        if (existing != null) {
            retransmitted(existing);
            return;
        }
        if (engine.transactions.size() >= engine.settings().maxTransactions()) {
            // Flood protection: no state for new requests until transactions drain (RFC 3261 §21.5.4).
            stateless(conn, req, OutgoingResponse.of(503, "Service Unavailable (overloaded)",
                    new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter()))));
            return;
        }
        if (!engine.transactions.fits(size, engine.settings().maxRetainedBytes())) {
            // Heap bounded by bytes, not only by count: large INVITEs that are never ACKed are kept 64*T1.
            LOG.debug("retained-bytes budget reached ({} bytes): {} from {} answered 503", engine.transactions.retainedBytes(),
                    req.method(), conn.remote());
            stateless(conn, req, OutgoingResponse.of(503, "Service Unavailable (overloaded)",
                    new SipHeader("Retry-After", Integer.toString(engine.settings().retryAfter()))));
            return;
        }
        SipConnection responseFlow = ResponseRoute.flowFor(req.topVia(), conn);
        Transaction tx = newTransaction(req, key, responseFlow);
        Transaction raced = engine.transactions.putIfAbsent(tx);
        if (raced != null) {
            retransmitted(raced);
            return;
        }
        tx.retain(size);
        // Tolerance: a BYE without our To tag that Call-ID and From tag tie to exactly one dialog.
        SipDialog tagless = req.toTag() == null && "BYE".equals(req.method()) ? engine.dialogs().unique(req.callId(), req.fromTag()) : null;
        String toTag = req.toTag() != null ? req.toTag() : tagless != null ? tagless.localTag() : engine.ids.tag();
        ServerRequestImpl sr = new ServerRequestImpl(req, conn, responseFlow, tx, toTag, null, null, responder);
        if (tx instanceof ServerInviteTransaction inv) {
            invites.put(key, sr);
            // §17.2.1: 100 Trying at once, so that the client stops retransmitting.
            String ts = req.header("Timestamp"); // §8.2.6.1: echoed in the 100
            inv.respond(100, engine.responses().build(req, responseFlow, 100, null, null,
                    ts == null ? List.of() : List.of(new SipHeader("Timestamp", ts)), null, null));
        }
        if ("CANCEL".equals(req.method())) {
            cancel(sr, req, top);
            return;
        }
        OutgoingResponse rejection = RequestChecks.check(req, engine);
        if (rejection == null && req.toTag() == null && tagless == null) {
            rejection = merged(req, tx);
        }
        if (rejection != null) {
            engine.rejected.incrementAndGet();
            sr.respondIfOpen(rejection);
            return;
        }
        if (tagless != null) {
            engine.tolerated(tagless, NO_TO_TAG.formatted("BYE"));
            dispatcher.inDialog(sr, tagless);
        } else if (req.toTag() != null) {
            dispatcher.inDialog(sr);
        } else {
            dispatcher.outOfDialog(sr);
        }
    }

    /** §17.2.3: RFC 3261 branch + sent-by + method; RFC 2543 identity otherwise. */
    static TransactionKey key(ParsedRequest req, Via top) {
        String sentBy = top.port() > 0 ? top.host() + ":" + top.port() : top.host();
        String legacy = req.requestUri() + "|" + req.fromTag() + "|" + req.callId() + "|" + req.cseq() + "|" + req.topVia();
        return TransactionKey.server(top.branch(), sentBy, req.method(), legacy);
    }

    private Transaction newTransaction(ParsedRequest req, TransactionKey key, SipConnection flow) {
        TimerSettings t = engine.settings().timers();
        if ("INVITE".equals(req.method())) {
            return new ServerInviteTransaction(key, flow, engine.timers, t, new ServerInviteTransaction.Listener() {
                @Override
                public void terminated(Transaction tx) {
                    engine.transactions.terminated(tx);
                    invites.remove(tx.key());
                }

                @Override
                public void retained(long delta) {
                    engine.transactions.retained(delta);
                }

                @Override
                public void noAckFor2xx(ServerInviteTransaction tx) {
                    noAck(tx);
                }
            });
        }
        return new ServerNonInviteTransaction(key, flow, engine.timers, t, engine.transactions);
    }

    private static void retransmitted(Transaction tx) {
        if (tx instanceof ServerInviteTransaction inv) {
            inv.requestRetransmitted();
        } else if (tx instanceof ServerNonInviteTransaction non) {
            non.requestRetransmitted();
        }
    }

    /** ACK: for a non-2xx it has the INVITE's branch (§17.2.3); for a 2xx it belongs to the dialog (§13.3.1.4). */
    private void ack(ParsedRequest req, TransactionKey key) {
        if (engine.transactions.get(key) instanceof ServerInviteTransaction inv
                && inv.state() != ServerInviteTransaction.State.ACCEPTED) {
            inv.ackReceived();
            return;
        }
        SipDialog d = engine.dialogs().find(req.callId(), req.toTag(), req.fromTag());
        if (d == null && req.toTag() == null) {
            d = engine.dialogs().unique(req.callId(), req.fromTag()); // tolerance: exactly one dialog, or the RFC's drop
            if (d != null) {
                engine.tolerated(d, NO_TO_TAG.formatted("ACK"));
            }
        }
        if (d != null) {
            for (String note : req.tolerated()) {
                engine.tolerated(d, note);
            }
            d.ackReceived(req.cseq());
            return;
        }
        LOG.debug("ACK matching no transaction or dialog dropped (Call-ID hash {})", req.callId().hashCode());
    }

    /** §9.2: 481 when no INVITE matches; otherwise 200 for the CANCEL and 487 for a still pending INVITE. */
    private void cancel(ServerRequestImpl cancel, ParsedRequest req, Via top) {
        ServerRequestImpl invite = invites.get(new TransactionKey(key(req, top).branch(), key(req, top).sentBy(), "INVITE"));
        if (invite == null) {
            cancel.respondIfOpen(OutgoingResponse.of(481));
            return;
        }
        ServerRequestImpl sameTag = new ServerRequestImpl(req, cancel.arrival, cancel.responseFlow, cancel.tx,
                invite.toTag, null, null, responder);
        sameTag.respondIfOpen(OutgoingResponse.of(200));
        if (invite.cancel()) {
            LOG.debug("INVITE cancelled by {}", cancel.arrival.remote());
        }
    }

    /** §8.2.2.2: a request without To tag whose From tag, Call-ID and CSeq match another live transaction. */
    private OutgoingResponse merged(ParsedRequest req, Transaction tx) {
        String id = req.fromTag() + "|" + req.callId() + "|" + req.cseq() + "|" + req.method();
        TransactionKey other = engine.transactions.registerMerge(id, tx);
        return other == null ? null : OutgoingResponse.of(482, "Loop Detected (merged request)");
    }

    /** §13.3.1.4: no ACK for our 2xx within 64*T1: the session is ended with BYE. */
    private void noAck(ServerInviteTransaction tx) {
        for (SipDialog d : engine.dialogs().snapshot()) {
            if (d.awaitsAckFrom(tx)) {
                LOG.info("no ACK for the 2xx in dialog {}: sending BYE", d.id());
                engine.dialogClient().send(d, "BYE", List.of(), null, null);
                engine.dialogEnded(d, "no ACK for 2xx (RFC 3261 §13.3.1.4)", true);
            }
        }
    }

    /**
     * A refused source (RFC 3261 §26.3.2.4): no 100 Trying, no transaction, no retransmission;
     * one stateless 403 or nothing, as {@code refused.response} says. ACK is never answered.
     */
    private void refuse(SipConnection conn, ParsedRequest req, String reason) {
        long n = engine.refused.incrementAndGet();
        if (n == 1 || n % 1000 == 0) { // visible to operators, but a flood cannot flood the log
            LOG.warn("{} request(s) from refused sources so far; latest {} from {}: {}", n, req.method(), conn.remote(), reason);
        } else {
            LOG.debug("{} from {} refused: {}", req.method(), conn.remote(), reason);
        }
        if (engine.settings().refusedResponse() == CoreSettings.RefusedResponse.NONE || "ACK".equals(req.method())
                || req.callId() == null || req.header("From") == null || req.header("To") == null || req.header("CSeq") == null) {
            return;
        }
        stateless(conn, req, OutgoingResponse.of(403, "Forbidden"));
    }

    /** Answers without a transaction (the request cannot be matched to one). */
    private void stateless(SipConnection conn, ParsedRequest req, OutgoingResponse r) {
        if ("ACK".equals(req.method()) || req.topVia() == null) {
            engine.dropped.incrementAndGet();
            return;
        }
        engine.rejected.incrementAndGet();
        try {
            SipConnection flow = ResponseRoute.flowFor(req.topVia(), conn);
            flow.send(engine.responses().build(req, flow, r.status(), r.reason(), engine.ids.tag(), r.headers(), null, null));
        } catch (Exception e) {
            engine.dropped.incrementAndGet();
            LOG.debug("cannot answer {} from {}: {}", r.status(), conn.remote(), e.toString());
        }
    }

    /** §14.2: Retry-After for the 500 to an INVITE arriving while another is pending: 0–10 s. */
    static SipHeader retryAfterRandom() {
        return new SipHeader("Retry-After", Integer.toString(ThreadLocalRandom.current().nextInt(0, 11)));
    }
}
