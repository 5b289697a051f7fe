package dev.siprec.sip.core.internal;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.health.api.HealthService;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.codec.ParseResult;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.ParsedResponse;
import dev.siprec.sip.codec.SipLimits;
import dev.siprec.sip.codec.SipParser;

/**
 * The SIP core without OSGi: parses what transports hand in, answers bad input itself
 * (RFC 3261 §8.2, §21), and routes requests through {@link RequestRouter} and responses to their
 * client transactions (§17.1.3). Runs the parsing and transaction matching on the calling I/O
 * thread (they never block) and the request handler on a small bounded executor.
 */
public final class SipEngine implements SipInbound {

    private static final Logger LOG = LoggerFactory.getLogger(SipEngine.class);

    private volatile CoreSettings settings;
    private volatile ResponseBuilder responses;
    private volatile boolean draining;
    private volatile HealthService health;
    final SipTimers timers;
    final ExecutorService handlerExecutor;
    final Ids ids = new Ids();
    final HandlerRegistry handlers = new HandlerRegistry();
    final TransactionTable transactions = new TransactionTable();
    private final DialogTable dialogs = new DialogTable();
    private final SipParser parser = new SipParser(SipLimits.defaults());
    private final List<SipTransport> transports = new CopyOnWriteArrayList<>();
    private final RequestRouter router;
    private final DialogRequests dialogRequests;
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    /** Requests from sources the request handler refused (before any response or state). */
    final AtomicLong refused = new AtomicLong();

    private final DnsCache dns;

    SipEngine(CoreSettings settings, SipTimers timers, ExecutorService handlerExecutor) {
        this(settings, timers, handlerExecutor, HostResolver.SYSTEM);
    }

    SipEngine(CoreSettings settings, SipTimers timers, ExecutorService handlerExecutor, HostResolver resolver) {
        this.dns = new DnsCache(resolver, () -> System.nanoTime() / 1_000_000);
        this.timers = timers;
        this.handlerExecutor = handlerExecutor;
        this.router = new RequestRouter(this);
        this.dialogRequests = new DialogRequests(this);
        settings(settings);
    }

    void settings(CoreSettings s) {
        this.settings = s;
        this.responses = new ResponseBuilder(s.userAgent());
    }

    CoreSettings settings() {
        return settings;
    }

    ResponseBuilder responses() {
        return responses;
    }

    /** @return the lookups of request targets, off the timer thread (used only with {@code route.to.contact}). */
    DnsCache dns() {
        return dns;
    }

    DialogTable dialogs() {
        return dialogs;
    }

    SipDialog.Client dialogClient() {
        return dialogRequests;
    }

    void draining(boolean d) {
        draining = d;
    }

    boolean draining() {
        return draining;
    }

    /** The health verdict OPTIONS answers follow; {@code null} when no health service is present. */
    void health(HealthService h) {
        health = h;
    }

    synchronized void unsetHealth(HealthService h) {
        if (health == h) {
            health = null;
        }
    }

    /** @return {@code true} while a health service is present and reports a critical check */
    boolean unhealthy() {
        HealthService h = health;
        return h != null && !h.healthy();
    }

    List<SipTransport> transports() {
        return List.copyOf(transports);
    }

    void attach(SipTransport t) {
        transports.add(t);
        t.attach(this);
        LOG.info("SIP transport {} '{}' attached ({})", t.transport(), t.name(), t.localAddress());
    }

    /** Detaches a transport; only its transactions and dialogs are dropped. */
    void detach(SipTransport t) {
        transports.remove(t);
        try {
            t.detach(this);
        } catch (RuntimeException e) {
            LOG.debug("detach of {} failed: {}", t.name(), e.toString());
        }
        int txs = transactions.abortAll(t);
        List<SipDialog> gone = dialogs.on(t);
        for (SipDialog d : gone) {
            dialogEnded(d, "transport " + t.transport() + " '" + t.name() + "' removed", true);
        }
        LOG.info("SIP transport {} '{}' detached: {} transactions and {} dialogs dropped", t.transport(), t.name(), txs, gone.size());
    }

    @Override
    public void received(SipConnection connection, byte[] message) {
        try {
            ParseResult result = parser.parse(message);
            if (result instanceof ParseResult.Success ok) {
                if (ok.message() instanceof ParsedRequest req) {
                    router.route(connection, req, message.length);
                } else if (ok.message() instanceof ParsedResponse resp) {
                    dialogRequests.responseReceived(resp);
                }
            } else if (result instanceof ParseResult.Failure f) {
                parseFailure(connection, f.status(), f.reason(), f.partial());
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            LOG.warn("message from {} dropped after an internal error", connection.remote(), e);
        }
    }

    /** For the transports' {@code max.idle.without.dialog.seconds}: does a confirmed dialog use this flow? */
    @Override
    public boolean carriesDialog(SipConnection connection) {
        return dialogs.carries(connection);
    }

    @Override
    public void framingError(SipConnection connection, byte[] partial, String reason) {
        framingError(connection, partial, reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("large") ? 513 : 400, reason);
    }

    @Override
    public void framingError(SipConnection connection, byte[] partial, int status, String reason) {
        try {
            ParsedRequest salvaged = null;
            ParseResult r = parser.parse(partial);
            if (r instanceof ParseResult.Success ok && ok.message() instanceof ParsedRequest req) {
                salvaged = req;
            } else if (r instanceof ParseResult.Failure f) {
                salvaged = f.partial();
            }
            parseFailure(connection, status, reason == null ? "Bad Request" : reason, salvaged);
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            LOG.debug("framing error from {} not answerable: {}", connection.remote(), e.toString());
        }
    }

    /** Answers a malformed request from its salvaged headers (§8.2, §21.4.1); drops what cannot be answered. */
    private void parseFailure(SipConnection connection, int status, String reason, ParsedRequest partial) {
        if (refusal(connection).isPresent() && settings.refusedResponse() == CoreSettings.RefusedResponse.NONE) {
            refused.incrementAndGet();
            return;
        }
        if (partial == null || "ACK".equals(partial.method()) || partial.topVia() == null
                || partial.header("From") == null || partial.header("To") == null
                || partial.header("Call-ID") == null || partial.header("CSeq") == null) {
            dropped.incrementAndGet();
            LOG.debug("unanswerable malformed message from {} dropped: {} {}", connection.remote(), status, reason);
            return;
        }
        rejected.incrementAndGet();
        LOG.debug("malformed request from {}: {} {}", connection.remote(), status, reason);
        try {
            SipConnection flow = ResponseRoute.flowFor(partial.topVia(), connection);
            byte[] bytes = responses.build(partial, flow, status, sanitize(reason), ids.tag(), List.of(), null, null);
            flow.send(bytes);
        } catch (Exception e) {
            dropped.incrementAndGet();
            LOG.debug("cannot answer malformed request from {}: {}", connection.remote(), e.toString());
        }
    }

    private static String sanitize(String reason) {
        StringBuilder sb = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length() && sb.length() < 100; i++) {
            char c = reason.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    /**
     * The handler's admission check (allowed sources, certificates), asked before anything is sent
     * or kept for a request; fails closed when the check itself fails.
     *
     * @return the reason to refuse requests from {@code conn}, or empty
     */
    java.util.Optional<String> refusal(SipConnection conn) {
        HandlerRegistry.Entry e = handlers.current();
        if (e == null) {
            return java.util.Optional.empty();
        }
        try {
            java.util.Optional<String> r = e.handler().refusal(conn);
            return r == null ? java.util.Optional.empty() : r;
        } catch (RuntimeException ex) {
            LOG.warn("admission check failed for {}: {}", conn.remote(), ex.toString());
            return java.util.Optional.of("admission check failed");
        }
    }

    /** A deviation accepted in a dialog's request: noted on the dialog, logged once per dialog and kind. */
    void tolerated(SipDialog dialog, String note) {
        if (dialog.tolerate(note)) {
            LOG.info("dialog {} with {}: accepted {}", dialog.callId(), dialog.connection() == null ? "-" : dialog.connection().remote(), note);
        }
    }

    /** @return our Contact for a flow. */
    String contact(SipConnection flow, String requestUri) {
        return Addressing.contact(Addressing.host(settings.advertisedHost(), flow, requestUri), flow);
    }

    /** @return the methods the server accepts (RFC 3261 §20.5). */
    String allow() {
        allowedMethods();
        Allowed a = allowed;
        return a != null ? a.header : String.join(", ", allowedMethods());
    }

    Set<String> allowedMethods() {
        boolean timers = sessionTimersEnabled();
        HandlerRegistry.Entry e = handlers.current();
        Allowed a = allowed;
        if (a != null && a.handler == e && a.timers == timers) {
            return a.methods; // issue 11: every request asked, and the set was built anew each time
        }
        Set<String> m = new TreeSet<>(List.of("ACK", "BYE", "CANCEL", "INVITE", "OPTIONS")); // INVITE: 503 while no handler is bound
        if (timers) {
            m.add("UPDATE"); // bodiless session refreshes are answered by the core (RFC 4028 §7.2)
        }
        if (e != null) {
            m.addAll(e.methods());
        }
        Set<String> methods = Collections.unmodifiableSet(m);
        allowed = new Allowed(e, timers, methods, String.join(", ", methods));
        return methods;
    }

    /** The allowed methods for one handler entry and session timer setting, and their {@code Allow} value. */
    private record Allowed(HandlerRegistry.Entry handler, boolean timers, Set<String> methods, String header) {
    }

    private volatile Allowed allowed;

    /** @return the body media types accepted (RFC 3261 §20.1); {@code application/sdp} when no handler says. */
    Set<String> accepted() {
        HandlerRegistry.Entry e = handlers.current();
        return e == null || e.accept().isEmpty() ? Set.of("application/sdp") : e.accept();
    }

    /** @return the option tags supported, for {@code Supported} (RFC 3261 §20.37). */
    String supported() {
        return String.join(", ", handlers.optionTags());
    }

    boolean sessionTimersEnabled() {
        return handlers.optionTags().contains("timer");
    }

    void startOrRefreshSessionTimer(SipDialog dialog, SessionTimerPolicy.Agreed agreed) {
        if (agreed == null) {
            return;
        }
        SessionTimer st = dialog.sessionTimer();
        if (st == null) {
            st = new SessionTimer(dialog, timers, dialogRequests, settings.minSe(), agreed);
            dialog.sessionTimer(st);
        }
        st.restart(agreed);
    }

    /** A dialog ended: removed from the table; the handler hears of it unless it took part (BYE). */
    void dialogEnded(SipDialog dialog, String reason, boolean notifyHandler) {
        dialogRequests.terminated(dialog, reason, notifyHandler);
    }

    /** Stops everything (deactivation): aborts transactions, ends dialogs without signalling. */
    void shutdown() {
        for (SipTransport t : transports) {
            try {
                t.detach(this);
            } catch (RuntimeException e) {
                LOG.debug("detach failed: {}", e.toString());
            }
        }
        transports.clear();
        transactions.abortAll();
        dns.close();
        for (SipDialog d : dialogs.snapshot()) {
            dialogEnded(d, "SIP core stopped", true);
        }
    }
}
