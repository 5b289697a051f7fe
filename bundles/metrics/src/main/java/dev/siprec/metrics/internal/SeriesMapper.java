package dev.siprec.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.siprec.health.api.HealthService;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;
import dev.siprec.stats.api.StatisticsSource;

/**
 * Maps what the server reports to {@link Sample}s. A {@link StatisticsSource} counter {@code c} of
 * scope {@code s} becomes the family {@code siprec_<s>_<c>} (dots to underscores) with label
 * {@code name} = the source's name, exactly as {@code siprec:stats} shows it; transports and suites
 * are turned into the same shape first, so a scraper and an operator see the same numbers.
 */
final class SeriesMapper {
    static final String PREFIX = "siprec_";
    /** Counter-name endings that mark a current value (a gauge) rather than a running total. */
    static final Set<String> GAUGE_SUFFIXES = Set.of(".active", ".open", ".free", ".size", ".queued", ".pending",
            ".used", ".headroom", ".limit", ".max", ".bytes.free");

    private SeriesMapper() {
    }

    static List<Sample> fromSource(StatisticsSource source, Map<String, Long> counters) {
        List<Sample> out = new ArrayList<>(counters.size());
        String scope = source.scope();
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            if (c.getKey() == null || c.getValue() == null) {
                continue;
            }
            Sample known = wellKnown(scope, source.name(), c.getKey(), c.getValue());
            if (known != null) {
                out.add(known);
                continue;
            }
            boolean gauge = isGauge(c.getKey());
            String family = family(scope, c.getKey(), !gauge);
            out.add(new Sample(family, !gauge, "SIPREC " + scope + " " + (gauge ? "gauge " : "counter ") + c.getKey(),
                    Map.of("name", source.name()), c.getValue()));
        }
        return out;
    }

    /**
     * Counters of the well-known scopes that get series of their own: the session layer's active
     * sessions, admission limit and headroom, refusals by reason and by status; a sink's bytes written.
     *
     * @return the sample, or {@code null} for the generic mapping
     */
    static Sample wellKnown(String scope, String name, String counter, long value) {
        if (StatisticsSource.SCOPE_SESSIONS.equals(scope)) {
            switch (counter) {
                case "sessions.active":
                    return new Sample(PREFIX + "sessions_active", false, "Recording sessions being set up or recorded",
                            Map.of("name", name), value);
                case "sessions.started":
                    return new Sample(PREFIX + "sessions", true, "Recording sessions accepted since start",
                            Map.of("name", name), value);
                case "sessions.max":
                    return new Sample(PREFIX + "sessions_max", false, "Recording sessions admitted at most (max.sessions)",
                            Map.of("name", name), value);
                case "sessions.headroom":
                    return new Sample(PREFIX + "admission_headroom", false,
                            "Recording sessions that can still be admitted now (max.sessions minus active)", Map.of("name", name), value);
                default:
                    break;
            }
            String reason = suffix(counter, "sessions.refused.");
            if (reason != null) {
                return new Sample(PREFIX + "sessions_refused", true, "Recording INVITEs refused before a session existed, by reason",
                        Map.of("name", name, "reason", reason), value);
            }
            String status = suffix(counter, "invites.refused.");
            if (status != null) {
                return new Sample(PREFIX + "sessions_refused_by_status", true,
                        "Recording INVITEs refused before a session existed, by SIP response status", Map.of("name", name, "status", status), value);
            }
        } else if (StatisticsSource.SCOPE_SINK.equals(scope) && counter.equals("bytes.written")) {
            return new Sample(PREFIX + "recording_bytes_written", true, "Bytes a recording sink wrote to storage",
                    Map.of("name", name), value);
        }
        return null;
    }

    /** @return the rest of {@code counter} after {@code prefix} as a label value, or {@code null} */
    private static String suffix(String counter, String prefix) {
        if (!counter.startsWith(prefix) || counter.length() == prefix.length()) {
            return null;
        }
        String rest = counter.substring(prefix.length());
        return rest.length() > 64 ? rest.substring(0, 64) : rest;
    }

    static boolean isGauge(String counter) {
        String lower = counter.toLowerCase(Locale.ROOT);
        for (String suffix : GAUGE_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Listener detail keys that are running counts ({@code errors.handshake}, {@code refused.max.connections}, ...). */
    static boolean isCountDetail(String key) {
        return key.startsWith("errors.") || key.startsWith("refused.") || key.startsWith("closed.") || key.startsWith("dropped.")
                || key.equals("accepted") || key.equals("keepalives");
    }

    /**
     * The counters {@code siprec:stats} shows for a listener, whether it is bound, TLS handshake
     * failures, and every count among the listener's details as {@code siprec_transport_events_total{event}}.
     */
    static List<Sample> fromTransport(SipTransport t) {
        ListenerStatus st = t.status();
        String name = t.transport().toLowerCase(Locale.ROOT) + "/" + t.name();
        Map<String, String> labels = Map.of("name", name);
        List<Sample> out = new ArrayList<>(basics(st, labels));
        for (Map.Entry<String, String> d : st.details().entrySet()) {
            if (!isCountDetail(d.getKey())) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(d.getValue().trim());
            } catch (NumberFormatException | NullPointerException e) {
                continue;
            }
            out.add(new Sample(PREFIX + "transport_events", true, "Counted events of a listener by detail name (accepted, refused.*, errors.*, closed.*)",
                    Map.of("name", name, "event", d.getKey()), v));
            if (d.getKey().equals("errors.handshake")) {
                out.add(new Sample(PREFIX + "transport_handshake_failures", true, "Failed TLS handshakes of a listener (TLS, WSS)", labels, v));
            }
        }
        return out;
    }

    private static List<Sample> basics(ListenerStatus st, Map<String, String> labels) {
        return List.of(
                new Sample(PREFIX + "transport_messages_received", true, "SIP messages handed to the core by a listener", labels, st.received()),
                new Sample(PREFIX + "transport_errors", true, "Framing, handshake and I/O errors of a listener", labels, st.errors()),
                new Sample(PREFIX + "transport_connections_open", false, "Open connections (stream transports) or recent peers (UDP) of a listener", labels, st.connections()),
                new Sample(PREFIX + "transport_up", false, "1 while the listener is bound and accepting, else 0", labels,
                        st.state() == ListenerStatus.State.LISTENING ? 1 : 0));
    }

    static List<Sample> fromSuite(SuiteInfo info) {
        Map<String, String> labels = Map.of("name", info.name());
        return List.of(
                new Sample(PREFIX + "suite_sessions_active", false, "SRTP sessions of a suite currently open", labels, info.inUse()),
                new Sample(PREFIX + "suite_auth_failures", true, "SRTP/SRTCP packets that failed authentication (RFC 3711 section 3.3)", labels, info.authFailures()),
                new Sample(PREFIX + "suite_replays", true, "SRTP/SRTCP packets rejected by the replay list (RFC 3711 section 3.3.2)", labels, info.replayFailures()));
    }

    static List<Sample> fromHealth(HealthService health) {
        List<Sample> out = new ArrayList<>();
        out.add(new Sample(PREFIX + "healthy", false, "1 while no health check is critical, else 0", Map.of(), health.healthy() ? 1 : 0));
        for (HealthService.CheckResult r : health.results()) {
            out.add(new Sample(PREFIX + "health_check_status", false, "Latest result of a health check: 0 OK, 1 WARN, 2 CRITICAL",
                    Map.of("check", r.name()), r.result().status().ordinal()));
        }
        return out;
    }

    /** @return a valid Prometheus family name for a counter of a scope; counters lose a trailing {@code _total}, which the exposition adds back */
    static String family(String scope, String counter, boolean isCounter) {
        String name = PREFIX + sanitize(scope) + "_" + sanitize(counter);
        if (isCounter && name.endsWith("_total")) {
            name = name.substring(0, name.length() - "_total".length());
        }
        for (String reserved : List.of("_total", "_created", "_bucket", "_info", "_count", "_sum")) {
            if (name.endsWith(reserved)) {
                name = name + "_value";
            }
        }
        return name;
    }

    static String sanitize(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        boolean underscore = false;
        for (int i = 0; i < word.length() && sb.length() < 100; i++) {
            char ch = Character.toLowerCase(word.charAt(i));
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
            if (ok) {
                sb.append(ch);
                underscore = false;
            } else if (!underscore && sb.length() > 0) {
                sb.append('_');
                underscore = true;
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        return sb.length() == 0 ? "unnamed" : sb.toString();
    }
}
