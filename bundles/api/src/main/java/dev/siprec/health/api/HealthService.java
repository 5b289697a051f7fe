package dev.siprec.health.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs every registered {@link HealthCheck} and keeps their latest results. The server is
 * <em>healthy</em> while no result is {@link HealthResult.Status#CRITICAL}; {@code WARN} results are
 * shown but do not take the node out of service.
 */
@ProviderType
public interface HealthService {

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
     * @param name the check's {@link HealthCheck#NAME}
     * @param result its outcome
     * @param at when it was obtained
     */
    record CheckResult(String name, HealthResult result, Instant at) {
    }
}
