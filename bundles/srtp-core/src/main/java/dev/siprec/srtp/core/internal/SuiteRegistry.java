package dev.siprec.srtp.core.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * Tracks every {@link SrtpCryptoSuite} service (whiteboard). A suite registered under a name that is
 * already taken, or whose property disagrees with {@link SrtpCryptoSuite#name()}, is skipped with a
 * WARN; the first registration keeps the name until it goes away. Keeps per-suite counters for
 * {@code siprec:suites}, which outlive the suite's registration.
 */
@Component(service = {SrtpCryptoSuiteRegistry.class, SuiteRegistry.class})
public final class SuiteRegistry implements SrtpCryptoSuiteRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteRegistry.class);
    /** The longest description of a suite's implementation kept; a longer one is cut. */
    static final int MAX_IMPLEMENTATION = 400;

    private final Map<String, Entry> suites = new ConcurrentHashMap<>();
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();

    /** A registered suite; its {@link SrtpCryptoSuite#implementation()} is asked once, when first needed. */
    private static final class Entry {
        final SrtpCryptoSuite suite;
        final String bundle;
        private volatile String implementation;

        Entry(SrtpCryptoSuite suite, String bundle) {
            this.suite = suite;
            this.bundle = bundle;
        }

        SrtpCryptoSuite suite() {
            return suite;
        }

        String bundle() {
            return bundle;
        }

        /** @return the suite's description, empty when it gives none or fails to; whether this call asked it */
        String implementation() {
            String s = implementation;
            if (s == null) {
                synchronized (this) {
                    s = implementation;
                    if (s == null) {
                        s = ask(suite);
                        implementation = s;
                        if (!s.isEmpty()) {
                            LOG.info("SRTP suite {} (bundle {}) computes with: {}", suite.name(), bundle, s);
                        }
                    }
                }
            }
            return s;
        }

        private static String ask(SrtpCryptoSuite suite) {
            try {
                String s = suite.implementation();
                if (s == null) {
                    return "";
                }
                // one bounded line for a table and a log line, whatever a third-party suite returns
                s = s.replaceAll("[\\p{Cntrl}]+", " ").strip();
                return s.length() <= MAX_IMPLEMENTATION ? s : s.substring(0, MAX_IMPLEMENTATION - 3) + "...";
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("SRTP suite {}: implementation() failed", suite.name(), e);
                return "";
            }
        }
    }

    /** Counters of one suite name, updated by sessions (failures only, so the packet path stays cheap). */
    static final class Counters {
        final AtomicInteger sessions = new AtomicInteger();
        final LongAdder authFailures = new LongAdder();
        final LongAdder replayFailures = new LongAdder();
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC, target = "(" + SrtpCryptoSuite.SUITE + "=*)")
    public void addSuite(SrtpCryptoSuite suite, Map<String, Object> props) {
        add(suite, props, bundleOf(suite));
    }

    /** Adds a suite registered by {@code bundle}; also how tests and benchmarks fill a registry outside OSGi. */
    public void add(SrtpCryptoSuite suite, Map<String, Object> props, String bundle) {
        Object prop = props.get(SrtpCryptoSuite.SUITE);
        String name;
        try {
            name = suite.name();
        } catch (RuntimeException e) {
            LOG.warn("SRTP suite service {} rejected: name() failed", props.get(Constants.SERVICE_ID), e);
            return;
        }
        if (name == null || !name.equals(prop)) {
            LOG.warn("SRTP suite service {} rejected: property {}={} does not match name() {}",
                    props.get(Constants.SERVICE_ID), SrtpCryptoSuite.SUITE, prop, name);
            return;
        }
        Entry entry = new Entry(suite, bundle);
        Entry existing = suites.putIfAbsent(name, entry);
        if (existing != null) {
            LOG.warn("SRTP suite {} from {} ignored: already registered by {}", name, entry.bundle(), existing.bundle());
        } else {
            LOG.info("SRTP suite {} added (bundle {})", name, entry.bundle());
        }
    }

    public void removeSuite(SrtpCryptoSuite suite, Map<String, Object> props) {
        Object name = props.get(SrtpCryptoSuite.SUITE);
        if (name instanceof String n) {
            Entry e = suites.get(n);
            if (e != null && e.suite() == suite && suites.remove(n, e)) {
                LOG.info("SRTP suite {} removed; sessions using it keep their transforms", n);
            }
        }
    }

    private static String bundleOf(Object service) {
        Bundle b = FrameworkUtil.getBundle(service.getClass());
        return b == null ? "unknown" : b.getSymbolicName() + " " + b.getVersion();
    }

    @Override
    public Optional<SrtpCryptoSuite> suite(String name) {
        Entry e = name == null ? null : suites.get(name);
        return e == null ? Optional.empty() : Optional.of(e.suite());
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(suites.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public List<SuiteInfo> suites() {
        List<SuiteInfo> out = new ArrayList<>();
        for (String name : names()) {
            Entry e = suites.get(name);
            if (e != null) {
                Counters c = counters(name);
                out.add(new SuiteInfo(name, e.bundle(), c.sessions.get(), c.authFailures.sum(), c.replayFailures.sum(),
                        e.implementation()));
            }
        }
        return out;
    }

    /**
     * Called when a session of {@code suite} has opened: the first time for a registration, asks the
     * suite how it computes (its primitives are initialised by then) and logs it once at INFO.
     */
    void opened(String name, SrtpCryptoSuite suite) {
        Entry e = suites.get(name);
        if (e != null && e.suite() == suite) {
            e.implementation();
        }
    }

    /** The counters of {@code name}, created on first use. */
    Counters counters(String name) {
        return counters.computeIfAbsent(name, n -> new Counters());
    }
}
