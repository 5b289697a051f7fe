package dev.siprec.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.media.api.StreamQuality;
import dev.siprec.stats.api.StatisticsSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The series added for issue 12 as a scraper sees them over HTTP: RTP loss, jitter and late packets
 * as histograms, admission headroom, refusals by reason and status, a sink's bytes written.
 */
class NewSeriesExpositionTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final RtpQuality quality = new RtpQuality();
    private final List<StatisticsSource> sources = new ArrayList<>();
    private HttpEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private String scrape() throws Exception {
        if (endpoint == null) {
            PrometheusRegistry registry = new PrometheusRegistry();
            registry.register(new SiprecCollector(() -> {
                List<Sample> out = new ArrayList<>();
                for (StatisticsSource s : sources) {
                    out.addAll(SeriesMapper.fromSource(s, s.counters()));
                }
                return out;
            }));
            registry.register(quality);
            endpoint = new HttpEndpoint(registry, null, () -> HealthPages.page(null));
            endpoint.start("127.0.0.1", 0, 5000);
        }
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + endpoint.localAddress().getPort() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static double value(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static StatisticsSource source(String scope, String name, Map<String, Long> counters) {
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
                return counters;
            }
        };
    }

    private static StreamQuality report(String suite, long expected, long received, long late, double jitterMs) {
        return new StreamQuality("s1", "a", suite, "PCMU", Duration.ofSeconds(10), expected, received, late, jitterMs, false);
    }

    @Test
    void rtpQualityIsExportedAsHistograms() throws Exception {
        quality.streamQuality(report(null, 500, 500, 0, 0.4));           // clean plain RTP
        quality.streamQuality(report(null, 500, 490, 3, 12.5));         // 2 % lost, 3 late, 12.5 ms jitter
        quality.streamQuality(report("AEAD_AES_128_GCM", 100, 101, 0, Double.NaN)); // a duplicate, no jitter yet
        String body = scrape();

        assertTrue(body.contains("# TYPE siprec_rtp_loss_ratio histogram"), body);
        assertTrue(body.contains("# TYPE siprec_rtp_jitter_seconds histogram"), body);
        assertTrue(body.contains("# TYPE siprec_rtp_late_packets histogram"), body);
        assertTrue(body.contains("# TYPE siprec_rtp_packets_expected_total counter"), body);
        assertTrue(body.contains("# TYPE siprec_rtp_packets_lost_total counter"), body);

        assertEquals(2, value(body, "siprec_rtp_loss_ratio_count{suite=\"none\"}"), body);
        assertEquals(0.02, value(body, "siprec_rtp_loss_ratio_sum{suite=\"none\"}"), 1e-12, body);
        assertEquals(1, value(body, "siprec_rtp_loss_ratio_bucket{suite=\"none\",le=\"0.0\"}"), body);
        assertEquals(1, value(body, "siprec_rtp_loss_ratio_bucket{suite=\"none\",le=\"0.01\"}"), body);
        assertEquals(2, value(body, "siprec_rtp_loss_ratio_bucket{suite=\"none\",le=\"0.02\"}"), body);
        assertEquals(1, value(body, "siprec_rtp_loss_ratio_bucket{suite=\"AEAD_AES_128_GCM\",le=\"0.0\"}"), "duplicates are no negative loss");

        assertEquals(2, value(body, "siprec_rtp_jitter_seconds_count{suite=\"none\"}"), body);
        assertEquals(1, value(body, "siprec_rtp_jitter_seconds_bucket{suite=\"none\",le=\"0.001\"}"), body);
        assertEquals(1, value(body, "siprec_rtp_jitter_seconds_bucket{suite=\"none\",le=\"0.01\"}"), body);
        assertEquals(2, value(body, "siprec_rtp_jitter_seconds_bucket{suite=\"none\",le=\"0.02\"}"), body);
        assertEquals(0.0129, value(body, "siprec_rtp_jitter_seconds_sum{suite=\"none\"}"), 1e-9, body);
        assertTrue(Double.isNaN(value(body, "siprec_rtp_jitter_seconds_count{suite=\"AEAD_AES_128_GCM\"}")), "no estimate, no observation");

        assertEquals(3, value(body, "siprec_rtp_late_packets_sum{suite=\"none\"}"), body);
        assertEquals(1, value(body, "siprec_rtp_late_packets_bucket{suite=\"none\",le=\"0.0\"}"), body);
        assertEquals(2, value(body, "siprec_rtp_late_packets_bucket{suite=\"none\",le=\"5.0\"}"), body);
        assertEquals(1000, value(body, "siprec_rtp_packets_expected_total{suite=\"none\"}"), body);
        assertEquals(10, value(body, "siprec_rtp_packets_lost_total{suite=\"none\"}"), body);
        assertEquals(0, value(body, "siprec_rtp_packets_lost_total{suite=\"AEAD_AES_128_GCM\"}"), body);
        assertEquals(101, value(body, "siprec_rtp_packets_received_total{suite=\"AEAD_AES_128_GCM\"}"), "SRTP packets per suite");
        assertEquals(990, value(body, "siprec_rtp_packets_received_total{suite=\"none\"}"), body);
    }

    @Test
    void anEmptyFinalReportObservesNothing() throws Exception {
        quality.streamQuality(new StreamQuality("s", "a", null, null, Duration.ZERO, 0, 0, 0, Double.NaN, true));
        String body = scrape();
        assertFalse(body.contains("siprec_rtp_loss_ratio_count"), body);
        assertFalse(body.contains("siprec_rtp_late_packets_count"), body);
    }

    @Test
    void sessionsAndSinkCountersGetTheirSeries() throws Exception {
        Map<String, Long> sessions = new TreeMap<>();
        sessions.put("sessions.active", 3L);
        sessions.put("sessions.max", 500L);
        sessions.put("sessions.headroom", 497L);
        sessions.put("sessions.started", 42L);
        sessions.put("sessions.refused.max_sessions", 2L);
        sessions.put("sessions.refused.forbidden_source", 1L);
        sessions.put("invites.refused.503", 2L);
        sessions.put("invites.refused.403", 1L);
        sessions.put("sessions.ended.bye", 39L);
        sources.add(source(StatisticsSource.SCOPE_SESSIONS, "siprec", sessions));
        sources.add(source(StatisticsSource.SCOPE_SINK, "wav", Map.of("bytes.written", 123456L, "recordings.open", 3L)));
        String body = scrape();

        assertTrue(body.contains("# TYPE siprec_admission_headroom gauge"), body);
        assertEquals(497, value(body, "siprec_admission_headroom{name=\"siprec\"}"), body);
        assertTrue(body.contains("# TYPE siprec_sessions_active gauge"), body);
        assertEquals(3, value(body, "siprec_sessions_active{name=\"siprec\"}"), body);
        assertEquals(500, value(body, "siprec_sessions_max{name=\"siprec\"}"), body);
        assertTrue(body.contains("# TYPE siprec_sessions_total counter"), body);
        assertEquals(42, value(body, "siprec_sessions_total{name=\"siprec\"}"), body);
        assertTrue(body.contains("# TYPE siprec_sessions_refused_total counter"), body);
        assertEquals(2, value(body, "siprec_sessions_refused_total{name=\"siprec\",reason=\"max_sessions\"}"), body);
        assertEquals(1, value(body, "siprec_sessions_refused_total{name=\"siprec\",reason=\"forbidden_source\"}"), body);
        assertEquals(2, value(body, "siprec_sessions_refused_by_status_total{name=\"siprec\",status=\"503\"}"), body);
        assertEquals(39, value(body, "siprec_sessions_sessions_ended_bye_total{name=\"siprec\"}"), "others keep the generic mapping");
        assertTrue(body.contains("# TYPE siprec_recording_bytes_written_total counter"), body);
        assertEquals(123456, value(body, "siprec_recording_bytes_written_total{name=\"wav\"}"), body);
        assertEquals(3, value(body, "siprec_sink_recordings_open{name=\"wav\"}"), body);
    }

    @Test
    void withoutTheSinkCounterTheSeriesIsAbsent() throws Exception {
        sources.add(source(StatisticsSource.SCOPE_SINK, "wav", Map.of("recordings.complete", 1L)));
        assertFalse(scrape().contains("siprec_recording_bytes_written"));
    }
}
