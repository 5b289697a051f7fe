package dev.siprec.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.stats.api.StatisticsSource;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

class SeriesMapperTest {

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

    @Test
    void namesAreSanitizedAndTotalIsLeftToTheExposition() {
        assertEquals("siprec_transport_messages_received", SeriesMapper.family("transport", "messages.received", true));
        assertEquals("siprec_my_plugin_events", SeriesMapper.family("My-Plugin", "events.total", true));
        assertEquals("siprec_x_build_info_value", SeriesMapper.family("x", "build.info", false));
        assertEquals("siprec_unnamed_a", SeriesMapper.family("!!!", "a", true));
    }

    @Test
    void listenerDetailsThatAreCountsBecomeEvents() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("errors.handshake", "4");
        details.put("refused.max.connections", "2");
        details.put("tls.protocols", "TLSv1.3");
        details.put("certificate.notAfter", "2027-01-01T00:00:00Z");
        details.put("errors.io", "not-a-number");
        List<Sample> s = SeriesMapper.fromTransport(new FakeTransport("TLS", "default", dev.siprec.sip.api.ListenerStatus.State.LISTENING, 9, 4, details));
        assertTrue(s.contains(new Sample("siprec_transport_handshake_failures", true,
                "Failed TLS handshakes of a listener (TLS, WSS)", Map.of("name", "tls/default"), 4)), s.toString());
        assertEquals(2, s.stream().filter(x -> x.family().equals("siprec_transport_events")).count(), s.toString());
        assertTrue(s.stream().anyMatch(x -> x.family().equals("siprec_transport_up") && x.value() == 1));
        assertTrue(s.stream().anyMatch(x -> x.family().equals("siprec_transport_messages_received") && x.value() == 9));
    }

    @Test
    void gaugeSuffixesMakeGauges() {
        assertTrue(SeriesMapper.isGauge("sessions.active"));
        assertTrue(SeriesMapper.isGauge("connections.open"));
        assertTrue(SeriesMapper.isGauge("disk.bytes.free"));
        assertFalse(SeriesMapper.isGauge("messages.received"));
    }

    @Test
    void aConflictingOrRepeatedSeriesDoesNotBreakTheScrape() {
        Map<String, Long> a = new LinkedHashMap<>();
        a.put("queue.size", 3L);
        StatisticsSource first = source("webhook", "hook", a);
        // same family as a counter from another source, and the same label set again
        StatisticsSource second = source("webhook", "hook", Map.of("queue.size", 9L));
        List<Sample> samples = new java.util.ArrayList<>(SeriesMapper.fromSource(first, first.counters()));
        samples.addAll(SeriesMapper.fromSource(second, second.counters()));
        samples.add(new Sample("siprec_webhook_queue_size", true, "x", Map.of("name", "other"), 1));
        MetricSnapshots snaps = new SiprecCollector(() -> samples).collect();
        assertEquals(1, snaps.size());
        assertEquals(1, snaps.get(0).getDataPoints().size());
    }
}
