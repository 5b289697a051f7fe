package dev.siprec.health.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckMetadata;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * A stand-in for the Felix executor in unit tests: selects registered checks by tag or name the way
 * Felix does (any tag matches, or the name is listed), runs them, and wraps a throwing check as
 * {@code HEALTH_CHECK_ERROR}. It does not cache; {@link #forcedRuns} counts forced executions.
 */
final class FakeExecutor implements HealthCheckExecutor {
    private record Registered(HealthCheckMetadata metadata, HealthCheck check) {
    }

    private final List<Registered> checks = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    final AtomicInteger forcedRuns = new AtomicInteger();

    /** @return the registration's service id */
    long register(HealthCheck check, String name, String... tags) {
        long id = ids.incrementAndGet();
        Map<String, Object> props = Map.of(HealthCheck.NAME, name, HealthCheck.TAGS, tags, Constants.SERVICE_ID, id);
        ServiceReference<?> ref = (ServiceReference<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> props.get((String) a[0]);
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        checks.add(new Registered(new HealthCheckMetadata(ref), check));
        return id;
    }

    void unregister(long id) {
        checks.removeIf(r -> r.metadata().getServiceId() == id);
    }

    @Override
    public List<HealthCheckExecutionResult> execute(HealthCheckSelector selector) {
        return execute(selector, new HealthCheckExecutionOptions());
    }

    @Override
    public List<HealthCheckExecutionResult> execute(HealthCheckSelector selector, HealthCheckExecutionOptions options) {
        if (options.isForceInstantExecution()) {
            forcedRuns.incrementAndGet();
        }
        List<HealthCheckExecutionResult> out = new ArrayList<>();
        for (Registered r : checks) {
            boolean byName = selector.names() != null && Arrays.asList(selector.names()).contains(r.metadata().getName());
            boolean byTag = selector.tags() != null && Arrays.stream(selector.tags()).anyMatch(r.metadata().getTags()::contains);
            if (byName || byTag) {
                Result result;
                try {
                    result = r.check().execute();
                } catch (RuntimeException e) {
                    result = new Result(Result.Status.HEALTH_CHECK_ERROR, "exception: " + e.getMessage(), e);
                }
                out.add(executed(r.metadata(), result));
            }
        }
        return out;
    }

    private static HealthCheckExecutionResult executed(HealthCheckMetadata metadata, Result result) {
        Date at = new Date();
        return new HealthCheckExecutionResult() {
            @Override
            public Result getHealthCheckResult() {
                return result;
            }

            @Override
            public long getElapsedTimeInMs() {
                return 0;
            }

            @Override
            public Date getFinishedAt() {
                return at;
            }

            @Override
            public boolean hasTimedOut() {
                return false;
            }

            @Override
            public HealthCheckMetadata getHealthCheckMetadata() {
                return metadata;
            }
        };
    }
}
