package dev.siprec.health.api;

import java.util.Objects;

/**
 * The outcome of one health check, as the {@link HealthService} reports it (an Apache Felix Health
 * Check result mapped to three levels).
 *
 * @param status how bad it is
 * @param message what an operator reads, one line, never {@code null}
 */
public record HealthResult(Status status, String message) {

    /** Severity, ordered from good to bad. */
    public enum Status {
        /** Nothing to do. */
        OK,
        /** Needs attention soon (a certificate expiring in days, a disk filling); the server keeps taking calls. */
        WARN,
        /** The server cannot record reliably: it reports itself unhealthy and answers OPTIONS with 503. */
        CRITICAL
    }

    public HealthResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /** @return an {@link Status#OK} result with {@code message} */
    public static HealthResult ok(String message) {
        return new HealthResult(Status.OK, message);
    }

    /** @return a {@link Status#WARN} result with {@code message} */
    public static HealthResult warn(String message) {
        return new HealthResult(Status.WARN, message);
    }

    /** @return a {@link Status#CRITICAL} result with {@code message} */
    public static HealthResult critical(String message) {
        return new HealthResult(Status.CRITICAL, message);
    }
}
