package dev.siprec.siprec.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.media.api.MediaService;
import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.recording.api.RecordingSinkRegistry;
import dev.siprec.recording.api.SessionDetails;
import dev.siprec.recording.api.SessionListener;
import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.stats.api.StatisticsSource;

/**
 * The Session Recording Server's request handler (RFC 7866): registers as the SIP core's
 * {@link SipRequestHandler} with option tags {@code siprec} and {@code timer}, and as the
 * operators' {@link RecordingSessions}. Configuration PID {@value SessionConfig#PID}; services that
 * come and go (answerer, codec, media, key manager, listeners) are bound dynamically. Deactivation
 * sends BYE in every session and finalizes it with {@code SHUTDOWN}.
 */
@Component(service = {SipRequestHandler.class, RecordingSessions.class, StatisticsSource.class}, configurationPid = SessionConfig.PID,
        property = {
            SipRequestHandler.OPTION_TAGS + "=siprec", SipRequestHandler.OPTION_TAGS + "=timer",
            SipRequestHandler.METHODS + "=INVITE", SipRequestHandler.METHODS + "=BYE", SipRequestHandler.METHODS + "=UPDATE",
            SipRequestHandler.METHODS + "=INFO", SipRequestHandler.METHODS + "=OPTIONS",
            SipRequestHandler.ACCEPT + "=application/sdp", SipRequestHandler.ACCEPT + "=application/rs-metadata+xml",
            SipRequestHandler.ACCEPT + "=application/rs-metadata", SipRequestHandler.ACCEPT + "=multipart/mixed",
            // handle() never blocks (SessionManager#handle): the SIP core calls it on the transport's thread (issue 11)
            SipRequestHandler.INLINE + ":Boolean=true"
        })
@Designate(ocd = SessionConfig.class)
public final class SiprecComponent implements SipRequestHandler, RecordingSessions, Services, StatisticsSource {
    private static final Logger LOG = LoggerFactory.getLogger(SiprecComponent.class);
    /** Longest wait for BYE responses at shutdown. */
    static final long SHUTDOWN_WAIT_MILLIS = 2_000;
    /** Tasks waiting per pool before new work is refused. */
    static final int QUEUE = 4096;
    /**
     * Threads ending calls (BYE, dialog loss). Each waits while the sinks finalize its recording,
     * which waits for the device (files forced); the sinks do that on threads of their own, so these
     * mostly wait, and with only as many as the set-up threads ended calls queued, kept their media
     * ports and session slots, and new calls ran out of ports under load.
     */
    static final int END_THREADS = 32;

    @Reference(policy = DYNAMIC, policyOption = GREEDY)
    private volatile SdpAnswerer answerer;
    @Reference(policy = DYNAMIC, policyOption = GREEDY)
    private volatile SdpCodec sdpCodec;
    @Reference(policy = DYNAMIC, policyOption = GREEDY)
    private volatile MediaService media;
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile KeyManager keyManager;
    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    /** Who may record; asked by the SIP core before it answers anything (issue 9 item 5). */
    private volatile AccessPolicy access;

    private final RecordingSinkRegistry sinkRegistry;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor endExecutor;
    private final ScheduledExecutorService timer;
    private final SessionManager manager;

    @Activate
    public SiprecComponent(@Reference RecordingSinkRegistry sinkRegistry, SessionConfig config) {
        this.sinkRegistry = sinkRegistry;
        Settings settings = Settings.of(config);
        this.access = settings.access();
        int threads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));
        this.executor = pool("siprec-session-", threads);
        this.endExecutor = pool("siprec-end-", END_THREADS);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "siprec-timer"));
        this.manager = new SessionManager(settings, this, Clock.systemUTC(), executor, endExecutor);
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        logSettings(settings);
    }

    /** A bounded pool: a full queue refuses work (503 to new INVITEs) instead of growing without limit. */
    private static ThreadPoolExecutor pool(String prefix, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> daemon(r, prefix + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void tick() {
        try {
            manager.tick();
        } catch (RuntimeException e) {
            LOG.warn("session timer failed: {}", e.toString());
        }
    }

    @Override
    public String scope() {
        return manager.counters.scope();
    }

    @Override
    public String name() {
        return manager.counters.name();
    }

    @Override
    public Map<String, Long> counters() {
        return manager.counters.counters();
    }

    @Modified
    void modified(SessionConfig config) {
        Settings s = Settings.of(config);
        access = s.access();
        manager.settings(s);
        logSettings(s);
    }

    private static void logSettings(Settings s) {
        if (s.access().allowsAllSources()) {
            LOG.warn("{}: allowed.sources is empty: recording INVITEs are accepted from every source address", SessionConfig.PID);
        } else {
            LOG.info("{}: recording allowed from {}", SessionConfig.PID, s.access().sources());
        }
        LOG.info("{}: max.sessions={}, accept.non.siprec={}, media.timeout={}s, max.key.age={}s, certificates={}",
                SessionConfig.PID, s.maxSessions(), s.acceptNonSiprec(), s.mediaTimeout().toSeconds(), s.maxKeyAge().toSeconds(),
                s.access().certificatePatterns().isEmpty() ? "any verified client" : s.access().certificatePatterns());
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        int active = manager.activeCount();
        if (active > 0) {
            LOG.info("stopping: ending {} recording session(s)", active);
        }
        manager.shutdown(SHUTDOWN_WAIT_MILLIS);
        stop(executor);
        stop(endExecutor);
    }

    private static void stop(ThreadPoolExecutor pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    @Override
    public void handle(ServerRequest request) {
        manager.handle(request);
    }

    @Override
    public Optional<String> refusal(SipConnection flow) {
        return access.check(flow);
    }

    @Override
    public void dialogTerminated(Dialog dialog, String reason) {
        // While the framework stops, a transport or the core may go before this component: the call
        // ends because the server stops, not because of a fault, and its recording is complete.
        manager.dialogTerminated(dialog, frameworkStopping() ? "server stopped (" + reason + ")" : reason);
    }

    private static boolean frameworkStopping() {
        try {
            org.osgi.framework.Bundle own = org.osgi.framework.FrameworkUtil.getBundle(SiprecComponent.class);
            org.osgi.framework.BundleContext ctx = own == null ? null : own.getBundleContext();
            org.osgi.framework.Bundle system = ctx == null ? null : ctx.getBundle(0);
            return system != null && system.getState() == org.osgi.framework.Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return true; // the context is no longer valid: this bundle is stopping
        }
    }

    @Override
    public List<SessionDetails> sessions() {
        return manager.sessions();
    }

    @Override
    public Optional<SessionDetails> session(String id) {
        return manager.session(id);
    }

    @Override
    public boolean hangUp(String id) {
        return manager.hangUp(id);
    }

    @Override
    public List<StreamKeyInfo> keys() {
        return manager.keys();
    }

    @Override
    public SdpAnswerer answerer() {
        return answerer;
    }

    @Override
    public SdpCodec sdpCodec() {
        return sdpCodec;
    }

    @Override
    public MediaService media() {
        return media;
    }

    @Override
    public List<SinkFanout.NamedSink> sinks() {
        if (sinkRegistry instanceof SinkRegistry r) {
            return r.named();
        }
        List<SinkFanout.NamedSink> out = new ArrayList<>();
        var sinks = sinkRegistry.sinks();
        var names = sinkRegistry.names();
        for (int i = 0; i < sinks.size(); i++) {
            out.add(new SinkFanout.NamedSink(i < names.size() ? names.get(i) : "sink-" + i, sinks.get(i)));
        }
        return out;
    }

    @Override
    public KeyManager keyManager() {
        return keyManager;
    }

    @Override
    public List<SessionListener> listeners() {
        return listeners;
    }
}
