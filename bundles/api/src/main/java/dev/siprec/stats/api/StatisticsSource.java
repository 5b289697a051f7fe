package dev.siprec.stats.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A named set of counters, registered as an OSGi service by whatever counts something (a transport,
 * a suite, a sink, the session layer, a third-party plug-in). Whiteboard: consumers list every
 * registered source; a source that goes away with its bundle simply disappears.
 *
 * <p>Counter names are lower case with dots ({@code messages.received}); counters only grow from
 * the source's start, except those whose names end in a gauge suffix such as {@code .active},
 * {@code .open} or {@code .free}, which are current values. {@link #counters()} is called from
 * shell and exporter threads and must be cheap, thread-safe and never block on I/O.
 */
@ConsumerType
public interface StatisticsSource {
    /** Well-known scope of SIP transports; {@link #name()} is the listener, e.g. {@code udp/default}. */
    String SCOPE_TRANSPORT = "transport";
    /** Well-known scope of SRTP suites; {@link #name()} is the RFC 4568 suite name. */
    String SCOPE_SUITE = "suite";
    /** Well-known scope of recording sinks; {@link #name()} is the sink's name. */
    String SCOPE_SINK = "sink";
    /** Well-known scope of the recording-session layer. */
    String SCOPE_SESSIONS = "sessions";

    /** @return what kind of thing is counted: one of the {@code SCOPE_} constants or a plug-in's own word */
    String scope();

    /** @return which one of its scope, unique within the scope */
    String name();

    /** @return a snapshot of the counters, name to value, in a stable order */
    Map<String, Long> counters();
}
