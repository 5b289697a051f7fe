package dev.siprec.health.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's health verdict: runs every Apache Felix Health Check service
 * ({@code org.apache.felix.hc.api.HealthCheck}) tagged {@link #TAG} through the Felix
 * {@code HealthCheckExecutor} and keeps their latest results. The server is <em>healthy</em> while
 * no result is {@link HealthResult.Status#CRITICAL}; {@code WARN} results are shown but do not take
 * the node out of service.
 */
@ProviderType
public interface HealthService {

    /**
     * Value of the Felix Health Check service property {@code hc.tags} ({@code String} or
     * {@code String[]}) that makes a check count in this verdict. Any bundle may register a
     * {@code org.apache.felix.hc.api.HealthCheck} with this tag: a {@code CRITICAL},
     * {@code TEMPORARILY_UNAVAILABLE} or {@code HEALTH_CHECK_ERROR} result of it makes the server
     * unhealthy (OPTIONS answered {@code 503}, RFC 3261 §21.5.4).
     */
    String TAG = "siprec";

    /**
     * @return {@code false} while the latest result of some check is critical; cheap (no check is
     *         run), so the SIP core may ask it for every {@code OPTIONS}
     */
    boolean healthy();

    /** @return the latest result of every registered check, sorted by name; a snapshot */
    List<CheckResult> results();

    /** @return the results after running every check now, sorted by name */
    List<CheckResult> checkNow();

    /**
     * The latest result of one check.
     *
     * @param name the check's {@code hc.name}
     * @param result its outcome
     * @param at when it was obtained
     */
    record CheckResult(String name, HealthResult result, Instant at) {
    }
}
