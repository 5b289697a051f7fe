package dev.siprec.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.recording.api.RecordingSessions;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;
import dev.siprec.stats.api.StatisticsSource;

/**
 * {@code siprec:stats}: counters since start, per transport, per suite, per sink and of the session
 * layer. It reads every registered {@link StatisticsSource} (plug-ins written elsewhere included)
 * and adds what the transports and the suite registry report through their own status calls.
 */
@Component(service = StatsCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=stats"
})
public final class StatsCommand {
    private final List<StatisticsSource> sources = new CopyOnWriteArrayList<>();
    private final List<SipTransport> transports = new CopyOnWriteArrayList<>();

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile SrtpCryptoSuiteRegistry suites;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile RecordingSessions sessions;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addSource(StatisticsSource source) {
        sources.add(source);
    }

    void removeSource(StatisticsSource source) {
        sources.remove(source);
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addTransport(SipTransport transport) {
        transports.add(transport);
    }

    void removeTransport(SipTransport transport) {
        transports.remove(transport);
    }

    @Descriptor("Shows counters since start per transport, SRTP suite, recording sink and for the sessions")
    public void stats(CommandSession session) {
        session.getConsole().print(stats());
    }

    String stats() {
        return stats((String) null);
    }

    @Descriptor("Shows the counters of one scope (transport, suite, sink, sessions, or a plug-in's own)")
    public void stats(CommandSession session, @Descriptor("scope: transport, suite, sink, sessions, or a plug-in's own") String scope) {
        session.getConsole().print(stats(scope));
    }

    String stats(String scope) {
        List<StatisticsSource> all = new ArrayList<>(sources);
        for (SipTransport t : transports) {
            all.add(fromTransport(t));
        }
        SrtpCryptoSuiteRegistry reg = suites;
        if (reg != null) {
            for (SuiteInfo info : reg.suites()) {
                all.add(fromSuite(info));
            }
        }
        RecordingSessions s = sessions;
        if (s != null && all.stream().noneMatch(x -> StatisticsSource.SCOPE_SESSIONS.equals(x.scope()))) {
            all.add(snapshot(StatisticsSource.SCOPE_SESSIONS, "siprec", Map.of("sessions.active", (long) s.sessions().size())));
        }
        return render(all, scope == null || scope.isEmpty() ? null : scope);
    }

    static String render(List<StatisticsSource> all, String scope) {
        List<StatisticsSource> shown = new ArrayList<>();
        for (StatisticsSource src : all) {
            if (scope == null || scope.equals(src.scope())) {
                shown.add(src);
            }
        }
        if (shown.isEmpty()) {
            return scope == null ? "No counters registered.\n" : "No counters in scope " + Terminal.safe(scope) + ".\n";
        }
        shown.sort(Comparator.comparing(StatisticsSource::scope).thenComparing(StatisticsSource::name));
        Table t = new Table("SCOPE", "NAME", "COUNTER", "VALUE");
        for (StatisticsSource src : shown) {
            Map<String, Long> counters;
            try {
                counters = src.counters();
            } catch (RuntimeException e) {
                t.row(Terminal.safe(src.scope()), Terminal.safe(src.name()), "(failed)", Terminal.safe(String.valueOf(e.getMessage())));
                continue;
            }
            for (Map.Entry<String, Long> c : counters.entrySet()) {
                t.row(Terminal.safe(src.scope()), Terminal.safe(src.name()), Terminal.safe(c.getKey()), c.getValue());
            }
        }
        return t.toString();
    }

    static StatisticsSource fromTransport(SipTransport t) {
        ListenerStatus st = t.status();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("messages.received", st.received());
        m.put("errors", st.errors());
        m.put("connections.open", (long) st.connections());
        return snapshot(StatisticsSource.SCOPE_TRANSPORT, t.transport().toLowerCase(java.util.Locale.ROOT) + "/" + t.name(), m);
    }

    static StatisticsSource fromSuite(SuiteInfo info) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sessions.active", (long) info.inUse());
        m.put("auth.failures", info.authFailures());
        m.put("replays", info.replayFailures());
        return snapshot(StatisticsSource.SCOPE_SUITE, info.name(), m);
    }

    static StatisticsSource snapshot(String scope, String name, Map<String, Long> counters) {
        Map<String, Long> copy = new LinkedHashMap<>(counters);
        return new StatisticsSource() {
            @Override
            public String scope() {
                return scope;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Long> counters() {
                return copy;
            }
        };
    }
}
