package dev.siprec.metrics.internal;

import java.util.Map;

/**
 * One value of one series before it becomes a Prometheus snapshot.
 *
 * @param family metric family name, already valid for Prometheus and without the {@code _total} suffix
 * @param counter {@code true} for a counter (only grows), {@code false} for a gauge
 * @param help the family's help text
 * @param labels label names to values, in order
 * @param value the value
 */
record Sample(String family, boolean counter, String help, Map<String, String> labels, double value) {
    Sample {
        labels = Map.copyOf(labels);
    }
}
