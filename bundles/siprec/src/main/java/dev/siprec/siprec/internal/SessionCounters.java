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
 * session existed, by response status and by reason; and the admission headroom, how many more
 * sessions {@code max.sessions} admits now.
 */
final class SessionCounters implements StatisticsSource {
    private final LongAdder started = new LongAdder();
    private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusedReasons = new ConcurrentHashMap<>();
    private final IntSupplier active;
    private final IntSupplier max;

    /**
     * @param active sessions being set up or recorded
     * @param max the configured {@code max.sessions}
     */
    SessionCounters(IntSupplier active, IntSupplier max) {
        this.active = active;
        this.max = max;
    }

    void started() {
        started.increment();
    }

    void ended(EndReason reason) {
        ended.computeIfAbsent(reason.name().toLowerCase(java.util.Locale.ROOT), k -> new LongAdder()).increment();
    }

    /** @param reason one word of the server's own vocabulary ({@code max_sessions}, {@code overloaded}, ...) */
    void refused(int status, String reason) {
        refused.computeIfAbsent(status, k -> new LongAdder()).increment();
        refusedReasons.computeIfAbsent(reason, k -> new LongAdder()).increment();
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
        int now = active.getAsInt();
        int limit = max.getAsInt();
        m.put("sessions.active", (long) now);
        m.put("sessions.max", (long) limit);
        m.put("sessions.headroom", (long) Math.max(0, limit - now));
        m.put("sessions.started", started.sum());
        ended.forEach((reason, n) -> m.put("sessions.ended." + reason, n.sum()));
        refused.forEach((status, n) -> m.put("invites.refused." + status, n.sum()));
        refusedReasons.forEach((reason, n) -> m.put("sessions.refused." + reason, n.sum()));
        return m;
    }
}
