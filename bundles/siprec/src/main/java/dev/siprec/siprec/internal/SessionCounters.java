package dev.siprec.siprec.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import dev.siprec.recording.api.EndReason;
import dev.siprec.stats.api.StatisticsSource;

/**
 * The session layer's counters since start, published as a {@link StatisticsSource} (scope
 * {@code sessions}): sessions started, ended by reason, and recording INVITEs refused before a
 * session existed, by response status.
 */
final class SessionCounters implements StatisticsSource {
    private final LongAdder started = new LongAdder();
    private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
    private final IntSupplier active;

    SessionCounters(IntSupplier active) {
        this.active = active;
    }

    void started() {
        started.increment();
    }

    void ended(EndReason reason) {
        ended.computeIfAbsent(reason.name().toLowerCase(java.util.Locale.ROOT), k -> new LongAdder()).increment();
    }

    void refused(int status) {
        refused.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    @Override
    public String scope() {
        return SCOPE_SESSIONS;
    }

    @Override
    public String name() {
        return "siprec";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        m.put("sessions.active", (long) active.getAsInt());
        m.put("sessions.started", started.sum());
        ended.forEach((reason, n) -> m.put("sessions.ended." + reason, n.sum()));
        refused.forEach((status, n) -> m.put("invites.refused." + status, n.sum()));
        return m;
    }
}
