package dev.siprec.metrics.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.siprec.media.api.StreamQuality;
import dev.siprec.media.api.StreamQualityListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * RTP reception quality as histograms, fed by the media layer's {@link StreamQualityListener}
 * reports (one per stream about every 10 s, and one when the stream ends): the fraction of packets
 * lost per report (RFC 3550 §6.4.1 {@code fraction lost}), the interarrival jitter estimate, and the
 * late packets per report, labelled by SRTP suite ({@code none} for plain RTP). The histograms live
 * as long as this bundle, so a change of the endpoint's configuration does not reset them. Observing
 * is lock-free and happens on the media I/O thread that delivers the report.
 */
@Component(service = {StreamQualityListener.class, RtpQuality.class}, immediate = true)
public final class RtpQuality implements StreamQualityListener, MultiCollector {
    static final String LOSS = SeriesMapper.PREFIX + "rtp_loss_ratio";
    static final String JITTER = SeriesMapper.PREFIX + "rtp_jitter_seconds";
    static final String LATE = SeriesMapper.PREFIX + "rtp_late_packets";
    static final String EXPECTED = SeriesMapper.PREFIX + "rtp_packets_expected";
    static final String LOST = SeriesMapper.PREFIX + "rtp_packets_lost";
    static final String RECEIVED = SeriesMapper.PREFIX + "rtp_packets_received";
    static final String PLAIN = "none";
    /** At most this many suite label values; further suites count as {@code other}. */
    static final int MAX_SUITES = 32;

    private final Histogram loss = Histogram.builder().name(LOSS)
            .help("Fraction of expected RTP packets lost per stream and report interval (RFC 3550 6.4.1 fraction lost)")
            .labelNames("suite").classicOnly().classicUpperBounds(0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1)
            .withoutExemplars().build();
    private final Histogram jitter = Histogram.builder().name(JITTER)
            .help("RTP interarrival jitter estimate J (RFC 3550 6.4.1) per stream at the end of each report interval")
            .labelNames("suite").classicOnly()
            .classicUpperBounds(0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.5)
            .withoutExemplars().build();
    private final Histogram late = Histogram.builder().name(LATE)
            .help("RTP packets per stream and report interval that arrived after their playout time and were not recorded")
            .labelNames("suite").classicOnly().classicUpperBounds(0, 1, 2, 5, 10, 20, 50, 100, 500)
            .withoutExemplars().build();
    private final Counter expected = Counter.builder().name(EXPECTED)
            .help("RTP packets expected from the sequence numbers (RFC 3550 A.3), all streams").labelNames("suite")
            .withoutExemplars().build();
    private final Counter lost = Counter.builder().name(LOST)
            .help("RTP packets lost (expected minus received, RFC 3550 A.3), all streams").labelNames("suite")
            .withoutExemplars().build();
    private final Counter received = Counter.builder().name(RECEIVED)
            .help("RTP packets received and accepted (for SRTP: authenticated and decrypted) by suite, as of the last reports")
            .labelNames("suite").withoutExemplars().build();
    private final java.util.Set<String> suites = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void streamQuality(StreamQuality q) {
        String suite = suite(q.srtpSuite());
        if (q.expected() > 0) {
            loss.labelValues(suite).observe(q.lossFraction());
            expected.labelValues(suite).inc(q.expected());
            lost.labelValues(suite).inc(q.lost());
        }
        if (q.received() > 0) {
            received.labelValues(suite).inc(q.received());
        }
        if (q.hasJitter() && q.jitterMillis() >= 0) {
            jitter.labelValues(suite).observe(q.jitterMillis() / 1000.0);
        }
        if (q.expected() > 0 || q.late() > 0) {
            late.labelValues(suite).observe(q.late());
        }
    }

    private String suite(String name) {
        if (name == null || name.isEmpty()) {
            return PLAIN;
        }
        String s = name.length() > 64 ? name.substring(0, 64) : name;
        if (suites.contains(s)) {
            return s;
        }
        if (suites.size() >= MAX_SUITES) {
            return "other";
        }
        suites.add(s);
        return s;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> all = List.of(loss.collect(), jitter.collect(), late.collect(), expected.collect(), lost.collect(),
                received.collect());
        return new MetricSnapshots(all);
    }
}
