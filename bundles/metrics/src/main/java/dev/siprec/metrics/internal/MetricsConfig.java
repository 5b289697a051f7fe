package dev.siprec.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP endpoint that serves {@code /metrics} and {@code /health} (PID {@code dev.siprec.metrics}). */
@ObjectClassDefinition(name = "SIPREC metrics endpoint",
        description = "Prometheus text exposition at /metrics and the health verdict at /health, over HTTP")
@interface MetricsConfig {

    @AttributeDefinition(description = "Address to bind; loopback by default. 0.0.0.0 or :: exposes the endpoint to the network: set auth.* then")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port of the endpoint (0 picks a free port)", min = "0", max = "65535")
    int port() default 9464;

    @AttributeDefinition(description = "Basic authentication user name (RFC 7617); empty with an empty password means no authentication")
    String auth_username() default "";

    @AttributeDefinition(description = "Basic authentication password; compared in constant time, never logged", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String auth_password() default "";

    @AttributeDefinition(description = "Also export JVM series (memory, threads, garbage collection, class loading, process)")
    boolean jvm_metrics() default true;

    @AttributeDefinition(description = "Idle timeout of HTTP connections, milliseconds", min = "1000", max = "600000")
    int idle_timeout_ms() default 30000;
}
