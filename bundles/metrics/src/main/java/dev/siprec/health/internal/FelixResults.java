package dev.siprec.health.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;

import dev.siprec.health.api.HealthResult;

/**
 * Maps between our three-level {@link HealthResult} and Apache Felix Health Check {@link Result}s.
 * Felix's {@code TEMPORARILY_UNAVAILABLE} and {@code HEALTH_CHECK_ERROR} count as critical: the
 * server cannot vouch for itself, so a load balancer should not send it calls.
 */
final class FelixResults {
    /** Longest message kept from one Felix result (its log may be long). */
    static final int MAX_MESSAGE = 500;

    private FelixResults() {
    }

    static Result toFelix(HealthResult r) {
        Result.Status s = switch (r.status()) {
            case OK -> Result.Status.OK;
            case WARN -> Result.Status.WARN;
            case CRITICAL -> Result.Status.CRITICAL;
        };
        return new Result(s, r.message());
    }

    static HealthResult.Status status(Result.Status s) {
        return switch (s) {
            case OK -> HealthResult.Status.OK;
            case WARN -> HealthResult.Status.WARN;
            case TEMPORARILY_UNAVAILABLE, CRITICAL, HEALTH_CHECK_ERROR -> HealthResult.Status.CRITICAL;
        };
    }

    /**
     * @return the result's status, and as message the non-debug log entries joined by {@code "; "}
     *         (those of the result's own status first), bounded to {@link #MAX_MESSAGE} characters
     */
    static HealthResult fromFelix(Result r) {
        if (r == null) {
            return HealthResult.critical("check returned no result");
        }
        Result.Status status = r.getStatus();
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (ResultLog.Entry e : r) {
            if (e.isDebug()) {
                continue;
            }
            String text = e.getMessage() == null ? "" : e.getMessage();
            if (e.getException() != null) {
                text = text + " (" + e.getException() + ")";
            }
            (e.getStatus() == status ? first : rest).add(text);
        }
        first.addAll(rest);
        String message = String.join("; ", first);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return new HealthResult(status(status), message);
    }
}
