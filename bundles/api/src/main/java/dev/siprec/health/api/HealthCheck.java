package dev.siprec.health.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One check of the server's health, registered as an OSGi service with the property {@link #NAME}.
 * The {@link HealthService} runs every registered check periodically off any I/O thread; a check
 * may do a little I/O (a file, a disk query) but must return within a second or two.
 */
@ConsumerType
public interface HealthCheck {
    /** Service property, {@code String}: the check's name as operators see it, e.g. {@code listeners}. */
    String NAME = "hc.name";

    /**
     * @return the outcome now; a thrown exception counts as {@link HealthResult.Status#CRITICAL}
     */
    HealthResult check();
}
