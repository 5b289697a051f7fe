package dev.siprec.siprec.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.recording.api.SessionDetails;
import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipRequest;
import dev.siprec.sip.codec.SipLimits;

/**
 * The recording server's session logic (RFC 7866 §6–§8), independent of OSGi: takes requests from
 * the SIP core, keeps the active recording sessions, enforces who may record and how many at once,
 * and runs the periodic checks. Blocking work runs off the core's threads: set-up, re-offers and
 * checks on {@code executor}, finalization after the client's BYE or a dialog's end on
 * {@code endExecutor} (sinks flush and force files to disk there), so that slow finalization never
 * delays answers to new INVITEs.
 */
final class SessionManager extends ServiceContext implements RecordingSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

    private final Clock clock;
    private final Executor executor;
    private final Executor endExecutor;
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();
    /** Counters since start, for {@code siprec:stats} and exporters. */
    final SessionCounters counters = new SessionCounters(this::activeCount, () -> this.settings.maxSessions());
    private final BodyParts bodyParts = new BodyParts(SipLimits.defaults());
    private final CallRegistry calls = new CallRegistry();
    private volatile Settings settings;

    SessionManager(Settings settings, Services services, Clock clock, Executor executor) {
        this(settings, services, clock, executor, executor);
    }

    SessionManager(Settings settings, Services services, Clock clock, Executor executor, Executor endExecutor) {
        super(services);
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.endExecutor = endExecutor;
    }

    void settings(Settings s) {
        this.settings = s;
    }

    // ---- SIP requests ----

    /**
     * Dispatches one request handed over by the SIP core, on the core's thread (the transport's own,
     * since issue 11: {@code sip.handler.inline}). Never blocks: nothing here waits for a lock held
     * through a set-up or for files; set-up, re-offers and finalization run on the executors.
     */
    void handle(ServerRequest sr) {
        SipRequest req = sr.request();
        boolean inDialog = req.toTag() != null;
        switch (req.method()) {
            case "INVITE" -> {
                if (inDialog) {
                    inDialog(sr);
                } else {
                    newInvite(sr);
                }
            }
            case "UPDATE" -> inDialog(sr);
            case "BYE" -> bye(sr);
            case "INFO", "OPTIONS" -> sr.respond(find(req) == null && inDialog ? OutgoingResponse.of(481) : OutgoingResponse.of(200));
            default -> sr.respond(OutgoingResponse.of(501));
        }
    }

    private void newInvite(ServerRequest sr) {
        SipRequest req = sr.request();
        Settings s = settings;
        Optional<String> denied = s.access().check(sr.connection());
        if (denied.isPresent()) {
            refuse(sr, "forbidden_source", Responses.error(403, "Forbidden (" + denied.get() + ")"));
            return;
        }
        boolean siprec = SipRec.isRecordingRequest(req);
        if (!siprec && !s.acceptNonSiprec()) {
            refuse(sr, "not_siprec", Responses.error(403, "Forbidden (only recording sessions, RFC 7866)"));
            return;
        }
        BodyParts.Extracted body;
        try {
            body = bodyParts.extract(req);
        } catch (BodyParts.BodyException e) {
            refuse(sr, "bad_body", e.status() == 415 ? Responses.unsupportedMedia(e.getMessage()) : Responses.error(e.status(), e.getMessage()));
            return;
        }
        CallRegistry.Registration reg = calls.register(req.callId(), req.fromTag(), s.maxSessions(), clock.instant(),
                id -> new RecordingCall(id, req.callId(), req.fromTag(), sr.connection().transport().transport(),
                        SipRec.peer(sr.connection().remote()), this));
        if (reg.refusal() == CallRegistry.Refusal.MERGED) {
            refuse(sr, "loop", Responses.error(482, "Loop Detected")); // RFC 3261 §8.2.2.2: a merged request
            return;
        }
        if (reg.refusal() == CallRegistry.Refusal.FULL) {
            LOG.warn("recording INVITE {} refused: {} sessions active (max.sessions)", req.callId(), calls.size());
            refuse(sr, "max_sessions", Responses.unavailable("Too Many Recording Sessions", s.retryAfterSeconds()));
            return;
        }
        RecordingCall call = reg.call();
        call.sipSessionId = SipRec.sessionId(req);
        noteTolerated(call, req.tolerated());
        if (!siprec) {
            call.note("plain INVITE without Require: siprec or +sip.src, recorded as configured (accept.non.siprec)");
        }
        sr.onCancel(() -> submit(() -> call.finish(EndReason.CANCELLED), () -> call.finish(EndReason.CANCELLED)));
        String contact = SipRec.contact(sr);
        submit(() -> CallSetup.run(call, sr, body, contact), () -> {
            counters.refused(503, "overloaded");
            LOG.info("recording INVITE refused: Call-ID {}, from {} {}: 503 Overloaded (session executor full)",
                    call.callId, call.transport, call.peer);
            CallSetup.respond(call, sr, Responses.unavailable("Overloaded", s.retryAfterSeconds()));
            call.finish(EndReason.ERROR);
        });
    }

    /** Answers a new INVITE with a refusal and logs its Call-ID, source and reason. */
    private void refuse(ServerRequest sr, String reason, OutgoingResponse response) {
        counters.refused(response.status(), reason);
        LOG.info("recording INVITE refused: Call-ID {}, from {} {}: {}", sr.request().callId(),
                sr.connection().transport().transport(), SipRec.peer(sr.connection().remote()), Responses.describe(response));
        sr.respond(response);
    }

    private void inDialog(ServerRequest sr) {
        RecordingCall call = find(sr.request());
        if (call == null) {
            sr.respond(OutgoingResponse.of(481));
            return;
        }
        List<String> tolerated = sr.dialog().map(Dialog::tolerated).orElse(List.of());
        BodyParts.Extracted body;
        try {
            body = bodyParts.extract(sr.request());
        } catch (BodyParts.BodyException e) {
            sr.respond(e.status() == 415 ? Responses.unsupportedMedia(e.getMessage()) : Responses.error(e.status(), e.getMessage()));
            return;
        }
        String contact = SipRec.contact(sr); // both are target refreshes (RFC 3261 §12.2, RFC 3311 §5.2)
        // the notes take the call's lock, held through a set-up: on the executor, never on the core's thread
        submit(() -> {
            noteTolerated(call, tolerated);
            CallUpdate.run(call, sr, body, contact);
        }, () -> sr.respond(Responses.unavailable("Overloaded", settings.retryAfterSeconds())));
    }

    private void bye(ServerRequest sr) {
        RecordingCall call = find(sr.request());
        sr.respond(OutgoingResponse.of(call == null && sr.dialog().isEmpty() ? 481 : 200));
        if (call != null) {
            List<String> tolerated = sr.dialog().map(Dialog::tolerated).orElse(List.of());
            Runnable end = () -> {
                noteTolerated(call, tolerated);
                call.byeReceived();
            };
            // finalization blocks (files forced): on the end executor, else the session executor, on this thread only when both are full
            submit(endExecutor, end, () -> submit(executor, end, end));
        }
    }

    /** The core reports a dialog that ended without a BYE through {@link #handle}. */
    void dialogTerminated(Dialog dialog, String reason) {
        RecordingCall call = calls.byDialog(dialog.callId(), dialog.remoteTag());
        if (call != null) {
            noteTolerated(call, dialog.tolerated());
            submit(endExecutor, () -> call.dialogTerminated(reason), () -> call.dialogTerminated(reason));
        }
    }

    /** Deviations from RFC 3261 the SIP core accepted for this call (issue 9 tolerance), kept in session.json. */
    private static void noteTolerated(RecordingCall call, List<String> tolerated) {
        if (!tolerated.isEmpty()) {
            synchronized (call) {
                tolerated.forEach(n -> call.note("SIP: " + n));
            }
        }
    }

    private RecordingCall find(SipRequest req) {
        return calls.byDialog(req.callId(), req.fromTag());
    }

    /** Runs {@code task} on the executor; {@code overloaded} on the caller's thread when it is refused. */
    private void submit(Runnable task, Runnable overloaded) {
        submit(executor, task, overloaded);
    }

    private void submit(Executor on, Runnable task, Runnable overloaded) {
        try {
            on.execute(task);
        } catch (RejectedExecutionException e) {
            long n = rejected.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.warn("session executor saturated: {} task(s) refused so far (overload or stopping)", n);
            }
            overloaded.run();
        }
    }

    // ---- timers and shutdown ----

    /** Runs the periodic checks (media timeout, key renewal) of every call. */
    void tick() {
        Instant now = clock.instant();
        for (RecordingCall c : calls.all()) {
            if (c.phase() != RecordingCall.Phase.ACTIVE || !c.tickQueued.compareAndSet(false, true)) {
                continue; // at most one pending check per call
            }
            submit(() -> {
                try {
                    c.tick(now);
                } finally {
                    c.tickQueued.set(false);
                }
            }, () -> c.tickQueued.set(false));
        }
    }

    /** Graceful stop: BYE to every client (waiting at most {@code waitMillis} for the responses), finalize with SHUTDOWN. */
    void shutdown(long waitMillis) {
        List<CompletableFuture<?>> byes = new ArrayList<>();
        for (RecordingCall c : new ArrayList<>(calls.all())) {
            byes.add(c.hangUp(EndReason.SHUTDOWN).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(byes.toArray(new CompletableFuture<?>[0])).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("not every BYE was answered before shutdown: {}", e.toString());
        }
    }

    int activeCount() {
        return calls.size();
    }

    // ---- RecordingSessions ----

    @Override
    public List<SessionDetails> sessions() {
        return calls.all().stream().sorted(Comparator.comparing((RecordingCall c) -> c.startedAt).thenComparing(c -> c.id))
                .map(RecordingCall::details).toList();
    }

    @Override
    public Optional<SessionDetails> session(String id) {
        RecordingCall c = calls.byId(id);
        return c == null ? Optional.empty() : Optional.of(c.details());
    }

    @Override
    public boolean hangUp(String id) {
        RecordingCall c = calls.byId(id);
        if (c == null || c.phase() != RecordingCall.Phase.ACTIVE) {
            return false;
        }
        LOG.info("session {}: hung up by operator", id);
        c.hangUp(EndReason.SERVER_BYE);
        return true;
    }

    @Override
    public List<StreamKeyInfo> keys() {
        Instant now = clock.instant();
        List<StreamKeyInfo> out = new ArrayList<>();
        for (RecordingCall c : calls.all()) {
            out.addAll(c.keys(now));
        }
        out.sort(Comparator.comparing(StreamKeyInfo::sessionId).thenComparing(StreamKeyInfo::streamKey));
        return out;
    }

    // ---- CallContext ----

    @Override
    void countStarted() {
        counters.started();
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Executor executor() {
        return task -> submit(task, task);
    }

    @Override
    public void ended(RecordingCall call, RecordingSession session, EndReason reason, boolean wasStarted) {
        calls.remove(call);
        if (wasStarted) {
            counters.ended(reason);
            ListenerEvents.ended(services.listeners(), session, reason);
        }
    }
}
