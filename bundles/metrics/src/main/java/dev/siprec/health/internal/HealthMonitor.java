package dev.siprec.health.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;

/**
 * The server's health verdict, from Apache Felix Health Checks: every {@code interval.seconds}, on
 * one thread of its own, it asks the Felix {@link HealthCheckExecutor} for the results of every
 * check tagged {@link HealthService#TAG} (ours and any other bundle's), honouring each check's
 * {@code hc.resultCacheTtlInMs}; while the verdict is unhealthy it forces a fresh run of the critical
 * checks every second, so that recovery shows at once. {@link #healthy()} only reads the last results, so the SIP core may
 * ask it for every OPTIONS. Changes of a check's status and of the verdict are logged once.
 */
@Component(service = HealthService.class, configurationPid = HealthMonitor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HealthConfig.class)
public final class HealthMonitor implements HealthService {
    static final String PID = "dev.siprec.health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    /** After a configuration change, the checks (same PID) are given this long to take it before a forced run. */
    private static final long AFTER_CHANGE_MS = 500;
    /** Checks arriving together (a bundle starting) are run together. */
    private static final long ARRIVAL_DELAY_MS = 100;

    private final HealthCheckExecutor executor;
    private final Clock clock;
    private final ScheduledExecutorService runner;
    /** Latest result per check service ({@code service.id}). */
    private final Map<Long, CheckResult> latest = new HashMap<>();
    private volatile List<CheckResult> snapshot = List.of();
    private volatile boolean healthy = true;
    private ScheduledFuture<?> periodic;

    @Activate
    public HealthMonitor(@Reference HealthCheckExecutor executor, HealthConfig config) {
        this(executor, Clock.systemUTC());
        schedule(config);
        runner.scheduleWithFixedDelay(this::rerunWhileUnhealthy, 1, 1, TimeUnit.SECONDS);
    }

    HealthMonitor(HealthCheckExecutor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
        this.runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "siprec-health");
            t.setDaemon(true);
            return t;
        });
    }

    /** A new interval takes effect at once; the checks' own thresholds change in their components. */
    @Modified
    void modified(HealthConfig config) {
        schedule(config);
        runner.schedule(this::checkNow, AFTER_CHANGE_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void schedule(HealthConfig config) {
        if (config.interval_seconds() < 1) {
            throw new IllegalArgumentException("interval.seconds must be 1 or more, was " + config.interval_seconds());
        }
        if (periodic != null) {
            periodic.cancel(false);
        }
        periodic = runner.scheduleWithFixedDelay(() -> run(false), 0, config.interval_seconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        runner.shutdownNow();
    }

    /**
     * A check tagged {@link HealthService#TAG} arrived (ours or another bundle's): run the checks
     * shortly, so it counts without waiting for the next period. Only its reference is taken; Felix's
     * executor gets and runs the service.
     */
    @Reference(service = HealthCheck.class, cardinality = MULTIPLE, policy = DYNAMIC, target = "(" + HealthCheck.TAGS + "=" + TAG + ")", unbind = "checkLeft")
    void checkArrived(ServiceReference<HealthCheck> ref) {
        if (!runner.isShutdown()) {
            runner.schedule(() -> run(false), ARRIVAL_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** A check went away: its result goes with it at once. */
    void checkLeft(ServiceReference<HealthCheck> ref) {
        Object id = ref.getProperty(Constants.SERVICE_ID);
        if (id instanceof Long l) {
            forget(l);
        }
    }

    synchronized void forget(long serviceId) {
        if (latest.remove(serviceId) != null) {
            record(List.of(), Map.of());
        }
    }

    /** Our listeners check asks for an immediate re-run when a listener comes or goes. */
    @Reference(cardinality = OPTIONAL, policy = DYNAMIC)
    void bindListeners(ListenersCheck listeners) {
        listeners.refresher(() -> refresh("listeners"));
    }

    void unbindListeners(ListenersCheck listeners) {
        listeners.refresher(null);
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public List<CheckResult> results() {
        return snapshot;
    }

    @Override
    public List<CheckResult> checkNow() {
        run(true);
        return results();
    }

    /** Only the critical checks are re-run every second (cache bypassed): recovery shows at once, the others keep their period. */
    void rerunWhileUnhealthy() {
        if (!healthy) {
            String[] critical = snapshot.stream().filter(c -> c.result().status() == HealthResult.Status.CRITICAL)
                    .map(CheckResult::name).distinct().toArray(String[]::new);
            if (critical.length > 0) {
                refresh(critical);
            }
        }
    }

    /** Runs every check tagged {@link HealthService#TAG}; a check no longer registered loses its result. */
    synchronized void run(boolean force) {
        List<HealthCheckExecutionResult> all = execute(HealthCheckSelector.tags(TAG), force);
        if (all == null) {
            return;
        }
        Map<Long, CheckResult> previous = new HashMap<>(latest);
        latest.clear();
        record(all, previous);
    }

    /**
     * Re-runs the checks named {@code names} now, on the caller's thread, bypassing the result cache:
     * for checks whose inputs just changed (a listener bound), so that the verdict OPTIONS answers
     * follow is not a stale one, and for critical ones while the server is unhealthy.
     */
    synchronized void refresh(String... names) {
        List<HealthCheckExecutionResult> some = execute(HealthCheckSelector.names(names), true);
        if (some == null) {
            return;
        }
        List<HealthCheckExecutionResult> tagged = some.stream()
                .filter(r -> r.getHealthCheckMetadata().getTags().contains(TAG)).toList();
        record(tagged, new HashMap<>(latest));
    }

    private List<HealthCheckExecutionResult> execute(HealthCheckSelector selector, boolean force) {
        try {
            return executor.execute(selector, new HealthCheckExecutionOptions().setForceInstantExecution(force));
        } catch (RuntimeException e) {
            // the executor is Felix's; one failing run must not stop the next
            LOG.warn("health check executor failed for {}: {}", selector, e.toString());
            return null;
        }
    }

    private void record(List<HealthCheckExecutionResult> results, Map<Long, CheckResult> previous) {
        for (HealthCheckExecutionResult r : results) {
            long id = r.getHealthCheckMetadata().getServiceId();
            String name = r.getHealthCheckMetadata().getName();
            HealthResult result = FelixResults.fromFelix(r.getHealthCheckResult());
            Instant at = r.getFinishedAt() == null ? Instant.now(clock) : r.getFinishedAt().toInstant();
            latest.put(id, new CheckResult(name, result, at));
            CheckResult before = previous.get(id);
            if (before == null || before.result().status() != result.status()) {
                if (result.status() == HealthResult.Status.OK) {
                    LOG.info("health check {}: OK {}", name, result.message());
                } else {
                    LOG.warn("health check {}: {} {}", name, result.status(), result.message());
                }
            }
        }
        List<CheckResult> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(CheckResult::name));
        snapshot = List.copyOf(out);
        boolean now = out.stream().noneMatch(c -> c.result().status() == HealthResult.Status.CRITICAL);
        if (now != healthy) {
            healthy = now;
            LOG.warn("server health: {}", now ? "healthy" : "UNHEALTHY (OPTIONS answered 503, /health 503)");
        }
    }
}
