package dev.siprec.health.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.health.api.HealthCheck;
import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;

/**
 * Runs every registered {@link HealthCheck} (whiteboard) every {@code interval.seconds} on one
 * thread of its own, critical ones every second until they recover, and keeps the latest results. A check that throws counts as critical; a check
 * that goes away takes its result with it. Changes of the verdict are logged once.
 */
@Component(service = HealthService.class, configurationPid = "dev.siprec.health", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HealthConfig.class)
public final class HealthMonitor implements HealthService {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private record Registered(String name, HealthCheck check) {
    }

    private final Map<HealthCheck, Registered> checks = new ConcurrentHashMap<>();
    private final Map<HealthCheck, CheckResult> latest = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService runner;
    private volatile boolean healthy = true;

    @Activate
    public HealthMonitor(HealthConfig config) {
        this(Clock.systemUTC());
        runner.scheduleWithFixedDelay(this::runAll, 0, config.interval_seconds(), TimeUnit.SECONDS);
        runner.scheduleWithFixedDelay(this::rerunCritical, 1, 1, TimeUnit.SECONDS);
    }

    HealthMonitor(Clock clock) {
        this.clock = clock;
        this.runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "siprec-health");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        runner.shutdownNow();
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addCheck(HealthCheck check, Map<String, Object> props) {
        Object name = props.get(HealthCheck.NAME);
        if (!(name instanceof String s) || s.isBlank()) {
            LOG.warn("health check {} has no {} property; ignored", check.getClass().getName(), HealthCheck.NAME);
            return;
        }
        checks.put(check, new Registered(s, check));
        if (check instanceof ListenersCheck listeners) {
            listeners.refresher(() -> refresh(listeners));
        }
        if (!runner.isShutdown()) {
            runner.execute(() -> runOne(check));
        }
    }

    void removeCheck(HealthCheck check) {
        if (check instanceof ListenersCheck listeners) {
            listeners.refresher(null);
        }
        checks.remove(check);
        latest.remove(check);
        updateVerdict();
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public List<CheckResult> results() {
        List<CheckResult> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(CheckResult::name));
        return out;
    }

    @Override
    public List<CheckResult> checkNow() {
        runAll();
        return results();
    }

    synchronized void runAll() {
        for (HealthCheck c : List.copyOf(checks.keySet())) {
            runOne(c);
        }
    }

    /**
     * Re-runs one check now, on the caller's thread: for checks whose inputs just changed (a
     * listener bound), so that the verdict OPTIONS answers follow is never a stale one.
     */
    void refresh(HealthCheck check) {
        if (checks.containsKey(check)) {
            runOne(check);
        }
    }

    /** A critical check is re-run every second, so that recovery (a listener bound at startup) shows at once. */
    synchronized void rerunCritical() {
        for (Map.Entry<HealthCheck, CheckResult> e : List.copyOf(latest.entrySet())) {
            if (e.getValue().result().status() == HealthResult.Status.CRITICAL) {
                runOne(e.getKey());
            }
        }
    }

    private synchronized void runOne(HealthCheck check) {
        Registered r = checks.get(check);
        if (r == null) {
            return;
        }
        HealthResult result;
        try {
            result = check.check();
            if (result == null) {
                result = HealthResult.critical("check returned no result");
            }
        } catch (RuntimeException e) {
            result = HealthResult.critical("check failed: " + e);
        }
        CheckResult previous = latest.get(check);
        if (checks.containsKey(check)) {
            latest.put(check, new CheckResult(r.name(), result, Instant.now(clock)));
        }
        if (previous == null || previous.result().status() != result.status()) {
            if (result.status() == HealthResult.Status.OK) {
                LOG.info("health check {}: OK {}", r.name(), result.message());
            } else {
                LOG.warn("health check {}: {} {}", r.name(), result.status(), result.message());
            }
        }
        updateVerdict();
    }

    private void updateVerdict() {
        boolean now = latest.values().stream().noneMatch(c -> c.result().status() == HealthResult.Status.CRITICAL);
        if (now != healthy) {
            healthy = now;
            LOG.warn("server health: {}", now ? "healthy" : "UNHEALTHY (OPTIONS answered 503, /health 503)");
        }
    }
}
