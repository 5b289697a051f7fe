package dev.siprec.sdp.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sdp.api.SrtpSuitePreferences;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * The suite order of PID {@code dev.siprec.srtp}: listed names first, then every other registered
 * suite by {@code service.ranking} (highest first) and name; {@code suites.disabled} removed.
 * Presence comes from the {@link SrtpCryptoSuiteRegistry}; the rankings from the suite services
 * themselves (tracked here, whiteboard). A listed name that no bundle registers is reported with a
 * WARN once per configuration: when the configuration changes while the server runs, or else at
 * the first offer that finds it missing (not at start-up, while suite bundles are still starting).
 */
@Component(service = {SrtpSuitePreferences.class, SuitePreferencesImpl.class})
public final class SuitePreferencesImpl implements SrtpSuitePreferences {
    private static final Logger LOG = LoggerFactory.getLogger(SuitePreferencesImpl.class);
    /** OSGi core service properties (org.osgi.framework.Constants), named here to keep the bundle off osgi.core. */
    private static final String SERVICE_RANKING = "service.ranking";
    private static final String SERVICE_ID = "service.id";

    private final SrtpCryptoSuiteRegistry registry;
    private final SrtpNegotiationConfig config;
    /** suite name -> service id -> service.ranking. */
    private final Map<String, Map<Object, Integer>> rankings = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile long warnedVersion = -1;
    /** Changes with every suite service added or removed (their rankings feed the order). */
    private final AtomicLong rankingsVersion = new AtomicLong();
    private volatile Cached cached;
    private final Runnable onConfigChange = this::current;

    @Activate
    public SuitePreferencesImpl(@Reference(name = "registry") SrtpCryptoSuiteRegistry registry,
                                @Reference(name = "config") SrtpNegotiationConfig config) {
        this.registry = registry;
        this.config = config;
        config.onChange(onConfigChange);
    }

    @Deactivate
    void deactivate() {
        config.removeOnChange(onConfigChange);
    }

    @Reference(name = "suite", cardinality = MULTIPLE, policy = DYNAMIC, target = "(" + SrtpCryptoSuite.SUITE + "=*)")
    void addSuite(SrtpCryptoSuite suite, Map<String, Object> props) {
        if (props.get(SrtpCryptoSuite.SUITE) instanceof String name) {
            int ranking = props.get(SERVICE_RANKING) instanceof Integer r ? r : 0;
            rankings.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(props.get(SERVICE_ID), ranking);
            rankingsVersion.incrementAndGet();
        }
    }

    void removeSuite(SrtpCryptoSuite suite, Map<String, Object> props) {
        if (props.get(SrtpCryptoSuite.SUITE) instanceof String name) {
            rankings.computeIfPresent(name, (n, m) -> {
                m.remove(props.get(SERVICE_ID));
                return m.isEmpty() ? null : m;
            });
            rankingsVersion.incrementAndGet();
        }
    }

    /** The ranking of a registered suite: the highest of its services, 0 when none says. */
    int ranking(String name) {
        Map<Object, Integer> m = rankings.get(name);
        return m == null ? 0 : m.values().stream().max(Integer::compare).orElse(0);
    }

    @Override
    public List<SuiteStatus> suites() {
        return order(config.settings(), registry.names(), this::ranking);
    }

    /** The order negotiation uses now; WARNs once per configuration about listed names that nobody registers. */
    Order current() {
        SrtpNegotiationConfig.Settings s = config.settings();
        List<String> names = registry.names();
        long rankingsNow = rankingsVersion.get();
        long configNow = config.version();
        Cached c = cached;
        if (c != null && c.settings == s && c.configVersion == configNow && c.rankingsVersion == rankingsNow
                && c.names.equals(names)) {
            return c.order; // issue 11: every INVITE asked, and the order was sorted anew each time
        }
        Order fresh = compute(s, names);
        cached = new Cached(s, configNow, rankingsNow, List.copyOf(names), fresh);
        return fresh;
    }

    /** The last order with what it was computed from: configuration, registered names, rankings. */
    private record Cached(SrtpNegotiationConfig.Settings settings, long configVersion, long rankingsVersion, List<String> names,
                          Order order) {
    }

    private Order compute(SrtpNegotiationConfig.Settings s, List<String> names) {
        List<SuiteStatus> all = order(s, names, this::ranking);
        List<String> negotiable = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (SuiteStatus st : all) {
            if (st.state() == SuiteState.ENABLED) {
                negotiable.add(st.name());
            } else if (st.state() == SuiteState.NOT_REGISTERED && st.listed()) {
                missing.add(st.name());
            }
        }
        warnMissing(missing);
        return new Order(negotiable, s.disabled());
    }

    private void warnMissing(List<String> missing) {
        long v = config.version();
        if (v != warnedVersion) {
            warned.clear();
            warnedVersion = v;
        }
        for (String name : missing) {
            if (warned.add(name)) {
                LOG.warn("dev.siprec.srtp: suite {} is listed in 'suites' but no bundle registers it; it is skipped "
                        + "until one does", name);
            }
        }
    }

    /** @return the names warned about under the current configuration (for tests). */
    Set<String> warnedNames() {
        return Set.copyOf(warned);
    }

    /**
     * The negotiable suites in preference order, and the disabled names (to explain refusals).
     *
     * @param negotiable registered, not disabled, most preferred first
     * @param disabled names of {@code suites.disabled}
     */
    record Order(List<String> negotiable, Set<String> disabled) {
        Order {
            negotiable = List.copyOf(negotiable);
            disabled = Set.copyOf(disabled);
        }

        /** @return the 0-based place of {@code name} among the negotiable suites, or -1. */
        int rank(String name) {
            return negotiable.indexOf(name);
        }
    }

    /** Interface for tests: the ranking of a registered suite. */
    @FunctionalInterface
    interface Rankings {
        int of(String name);
    }

    /**
     * Orders suites: listed names first (in list order), the other registered ones by ranking
     * (highest first) then name; ranks count every name that is not disabled.
     */
    static List<SuiteStatus> order(SrtpNegotiationConfig.Settings s, List<String> registered, Rankings rankings) {
        Set<String> present = new LinkedHashSet<>(registered);
        List<SuiteStatus> enabled = new ArrayList<>();
        List<SuiteStatus> absent = new ArrayList<>();
        int rank = 0;
        for (String name : s.suites()) {
            boolean here = present.contains(name);
            SuiteStatus st = new SuiteStatus(name, ++rank, here ? SuiteState.ENABLED : SuiteState.NOT_REGISTERED, true,
                    here ? rankings.of(name) : 0);
            (here ? enabled : absent).add(st);
        }
        List<String> rest = new ArrayList<>();
        for (String name : present) {
            if (!s.suites().contains(name) && !s.disabled().contains(name)) {
                rest.add(name);
            }
        }
        rest.sort(Comparator.comparingInt((String n) -> -rankings.of(n)).thenComparing(Comparator.naturalOrder()));
        for (String name : rest) {
            enabled.add(new SuiteStatus(name, ++rank, SuiteState.ENABLED, false, rankings.of(name)));
        }
        List<SuiteStatus> out = new ArrayList<>(enabled);
        out.addAll(absent);
        for (String name : new TreeSet<>(s.disabled())) {
            out.add(new SuiteStatus(name, 0, SuiteState.DISABLED, false, present.contains(name) ? rankings.of(name) : 0));
        }
        return out;
    }
}
