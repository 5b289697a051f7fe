package dev.siprec.metrics.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Turns the server's samples into Prometheus snapshots at every scrape. Samples of one family are
 * grouped; a family reported once as a counter and once as a gauge keeps the first kind, and a
 * repeated label set keeps the first value, so one odd plug-in never breaks the whole scrape.
 */
final class SiprecCollector implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(SiprecCollector.class);

    private final Supplier<List<Sample>> samples;

    SiprecCollector(Supplier<List<Sample>> samples) {
        this.samples = samples;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Family> families = new LinkedHashMap<>();
        for (Sample s : samples.get()) {
            Family f = families.computeIfAbsent(s.family(), n -> new Family(s.counter(), s.help()));
            if (f.counter != s.counter()) {
                LOG.debug("series {} reported both as counter and gauge; keeping the first", s.family());
                continue;
            }
            Labels labels = labels(s.labels());
            if (f.seen.add(labels)) {
                f.points.add(new Point(labels, s.value()));
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        for (Map.Entry<String, Family> e : families.entrySet()) {
            out.add(e.getValue().snapshot(e.getKey()));
        }
        return new MetricSnapshots(out);
    }

    private static Labels labels(Map<String, String> map) {
        if (map.isEmpty()) {
            return Labels.EMPTY;
        }
        String[] pairs = new String[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue() == null ? "" : e.getValue();
        }
        return Labels.of(pairs);
    }

    private record Point(Labels labels, double value) {
    }

    private static final class Family {
        final boolean counter;
        final String help;
        final Set<Labels> seen = new HashSet<>();
        final List<Point> points = new ArrayList<>();

        Family(boolean counter, String help) {
            this.counter = counter;
            this.help = help;
        }

        MetricSnapshot snapshot(String name) {
            if (counter) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                for (Point p : points) {
                    b.dataPoint(CounterDataPointSnapshot.builder().labels(p.labels()).value(Math.max(0, p.value())).build());
                }
                return b.build();
            }
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            for (Point p : points) {
                b.dataPoint(GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build());
            }
            return b.build();
        }
    }
}
