package dev.siprec.sip.core.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.health.api.HealthService;
import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.api.SipStack;
import dev.siprec.sip.api.SipTransport;

/**
 * The SIP core as a DS component (configuration PID {@code dev.siprec.sip}, optional): provides
 * {@link SipStack}, attaches itself to every {@link SipTransport} as it comes and goes (dynamic,
 * multiple), and passes requests to the highest-ranked {@link SipRequestHandler} (service ranking,
 * then lowest service id).
 *
 * <p>Immediate: it must attach to transports and answer OPTIONS even before anything uses
 * {@link SipStack}. {@code @Modified} applies timers (to new transactions), identity, session-timer values,
 * capacity and draining at once; {@code handler.threads}/{@code handler.queue} take effect on the
 * next activation.
 */
@Component(service = SipStack.class, immediate = true, configurationPid = "dev.siprec.sip",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SipCoreConfig.class)
public final class SipCore implements SipStack {

    private static final Logger LOG = LoggerFactory.getLogger(SipCore.class);

    private final ScheduledSipTimers timers;
    private final ThreadPoolExecutor executor;
    private final SipEngine engine;

    @Activate
    public SipCore(SipCoreConfig config) {
        CoreSettings s = CoreSettings.of(config);
        this.timers = new ScheduledSipTimers("sip-timers");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(s.handlerThreads(), s.handlerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(s.handlerQueue()), r -> {
                    Thread t = new Thread(r, "sip-handler-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
        this.engine = new SipEngine(s, timers, executor);
        engine.draining(config.draining());
        LOG.info("SIP core started (T1={} ms, Session-Expires={} s, Min-SE={} s, max {} dialogs)",
                s.timers().t1(), s.sessionExpires(), s.minSe(), s.maxDialogs());
        logExposure(s);
    }

    @Modified
    void modified(SipCoreConfig config) {
        CoreSettings s = CoreSettings.of(config);
        engine.settings(s);
        engine.draining(config.draining());
        logExposure(s);
        LOG.info("SIP core configuration updated (draining={})", config.draining());
    }

    /** Says at INFO how refused sources are answered, and at WARN when the server follows Contact/Record-Route targets. */
    private static void logExposure(CoreSettings s) {
        LOG.info("SIP core: refused sources get {}; server requests go to {}; max.retained.bytes={}",
                s.refusedResponse() == CoreSettings.RefusedResponse.NONE ? "nothing" : "one stateless 403",
                s.routeToContact() ? "the Contact/Record-Route target" : "the dialog's source address", s.maxRetainedBytes());
        if (s.routeToContact()) {
            LOG.warn("dev.siprec.sip: route.to.contact=true: a client's Contact or Record-Route can aim BYEs and re-INVITEs at any host "
                    + "(DNS lookups bounded by dns.timeout.ms={} ms)", s.dnsTimeoutMs());
        }
    }

    @Deactivate
    public void deactivate() {
        engine.shutdown();
        timers.close();
        executor.shutdown();
        LOG.info("SIP core stopped");
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    public void addTransport(SipTransport transport) {
        engine.attach(transport);
    }

    public void removeTransport(SipTransport transport) {
        engine.detach(transport);
    }

    /** Optional: while the health service reports a critical check, OPTIONS is answered 503. */
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    void setHealth(HealthService health) {
        engine.health(health);
    }

    void unsetHealth(HealthService health) {
        engine.unsetHealth(health);
    }

    /**
     * Every handler is tracked (the {@code Require} check uses the union of their option tags); the
     * highest-ranked one takes requests, re-chosen greedily as handlers come, go or change ranking.
     */
    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
    public void addHandler(SipRequestHandler handler, Map<String, Object> props) {
        engine.handlers.add(handler, props);
        LOG.info("SIP request handler {} bound (option tags {})", handler.getClass().getName(), engine.supported());
    }

    void updatedHandler(SipRequestHandler handler, Map<String, Object> props) {
        engine.handlers.add(handler, props);
    }

    public void removeHandler(SipRequestHandler handler) {
        engine.handlers.remove(handler);
    }

    @Override
    public List<SipTransport> transports() {
        return engine.transports();
    }

    @Override
    public Collection<Dialog> dialogs() {
        return engine.dialogs().all();
    }

    @Override
    public Optional<Dialog> dialog(String id) {
        return engine.dialogs().byId(id);
    }

    @Override
    public void setDraining(boolean draining) {
        engine.draining(draining);
        LOG.info("SIP core draining: {}", draining);
    }

    @Override
    public boolean isDraining() {
        return engine.draining();
    }
}
