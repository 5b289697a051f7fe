package dev.siprec.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Thresholds of the built-in health checks and how often they run (PID {@code dev.siprec.health}). */
@ObjectClassDefinition(name = "SIPREC health checks",
        description = "Listeners bound, recording directory writable, free disk, certificate expiry, bundles resolved")
@interface HealthConfig {

    @AttributeDefinition(description = "Seconds between two runs of every check", min = "1", max = "3600")
    int interval_seconds() default 10;

    @AttributeDefinition(description = "Recording directory to check; empty means <siprec.data>/recordings, as the WAV sink")
    String recording_directory() default "";

    @AttributeDefinition(description = "CRITICAL below this many MiB free on the recording directory's file system", min = "0")
    long disk_min_free_mb() default 1024;

    @AttributeDefinition(description = "WARN below this many MiB free (0: same as disk.min.free.mb)", min = "0")
    long disk_warn_free_mb() default 5120;

    @AttributeDefinition(description = "WARN when a TLS certificate in use expires within this many days", min = "0", max = "3650")
    int certificate_warn_days() default 14;

    @AttributeDefinition(description = "CRITICAL when a TLS certificate in use expires within this many days (0: only once expired)", min = "0", max = "3650")
    int certificate_critical_days() default 0;
}
