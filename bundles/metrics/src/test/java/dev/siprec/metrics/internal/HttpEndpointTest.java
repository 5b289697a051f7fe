package dev.siprec.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry.SuiteInfo;
import dev.siprec.stats.api.StatisticsSource;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Real HTTP requests against the endpoint on a free loopback port. */
class HttpEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicLong received = new AtomicLong(5);
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private HttpEndpoint endpoint;

    private final StatisticsSource udp = new StatisticsSource() {
        @Override
        public String scope() {
            return StatisticsSource.SCOPE_TRANSPORT;
        }

        @Override
        public String name() {
            return "udp/default";
        }

        @Override
        public Map<String, Long> counters() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("messages.received", received.get());
            m.put("connections.open", 2L);
            return m;
        }
    };

    private final HealthService health = new HealthService() {
        @Override
        public boolean healthy() {
            return healthy.get();
        }

        @Override
        public List<CheckResult> results() {
            return List.of(new CheckResult("listeners", healthy.get() ? HealthResult.ok("3 listener(s) bound")
                    : HealthResult.critical("listener failed: TLS/default (address in use)"), Instant.now()));
        }

        @Override
        public List<CheckResult> checkNow() {
            return results();
        }
    };

    private void start(BasicAuth auth) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new SiprecCollector(() -> {
            List<Sample> out = new ArrayList<>(SeriesMapper.fromSource(udp, udp.counters()));
            out.addAll(SeriesMapper.fromSuite(new SuiteInfo("AES_CM_128_HMAC_SHA1_80", "x 1.0", 1, 7, 3)));
            out.addAll(SeriesMapper.fromHealth(health));
            return out;
        }));
        JvmMemoryMetrics.builder().register(registry);
        endpoint = new HttpEndpoint(registry, auth, () -> HealthPages.page(health));
        endpoint.start("127.0.0.1", 0, 5000);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.localAddress().getPort() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scrapeShowsCountersAsTheyGrow() throws Exception {
        start(null);
        HttpResponse<String> r = get("/metrics", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), r.headers().toString());
        String body = r.body();
        assertTrue(body.contains("# TYPE siprec_transport_messages_received_total counter"), body);
        assertTrue(body.contains("siprec_transport_messages_received_total{name=\"udp/default\"} 5.0"), body);
        assertTrue(body.contains("# TYPE siprec_transport_connections_open gauge"), body);
        assertTrue(body.contains("siprec_suite_auth_failures_total{name=\"AES_CM_128_HMAC_SHA1_80\"} 7.0"), body);
        assertTrue(body.contains("siprec_suite_replays_total{name=\"AES_CM_128_HMAC_SHA1_80\"} 3.0"), body);
        assertTrue(body.contains("siprec_healthy 1.0"), body);
        assertTrue(body.contains("jvm_memory_used_bytes{area=\"heap\"}"), body);

        received.set(12);
        assertTrue(get("/metrics", null).body().contains("siprec_transport_messages_received_total{name=\"udp/default\"} 12.0"));
    }

    @Test
    void healthIs200WhenHealthyAnd503WhenNot() throws Exception {
        start(null);
        HttpResponse<String> ok = get("/health", null);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().startsWith("UP\nlisteners OK"), ok.body());
        healthy.set(false);
        HttpResponse<String> down = get("/health", null);
        assertEquals(503, down.statusCode());
        assertTrue(down.body().startsWith("DOWN\nlisteners CRITICAL listener failed"), down.body());
        assertTrue(get("/metrics", null).body().contains("siprec_health_check_status{check=\"listeners\"} 2.0"));
    }

    @Test
    void basicAuthIsRequiredWhenConfigured() throws Exception {
        start(BasicAuth.of("prom", "s3cret"));
        HttpResponse<String> none = get("/metrics", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertFalse(none.body().contains("siprec_"));
        assertEquals(401, get("/metrics", basic("prom", "s3cre")).statusCode());
        assertEquals(401, get("/health", basic("prom", "s3cret!")).statusCode());
        assertEquals(401, get("/metrics", "Basic !!!notbase64").statusCode());
        assertEquals(401, get("/metrics", "Bearer abc").statusCode());
        HttpResponse<String> ok = get("/metrics", basic("prom", "s3cret"));
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("siprec_transport_messages_received_total"));
    }

    @Test
    void otherMethodsAndPathsAreRefused() throws Exception {
        start(null);
        assertEquals(404, get("/", null).statusCode());
        assertEquals(404, get("/metrics/x", null).statusCode());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.localAddress().getPort() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aTakenPortIsReportedWithTheAddress() throws Exception {
        start(null);
        HttpEndpoint second = new HttpEndpoint(new PrometheusRegistry(), null, () -> HealthPages.page(null));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> second.start("127.0.0.1", endpoint.localAddress().getPort(), 5000));
        assertTrue(e.getMessage().contains("127.0.0.1:" + endpoint.localAddress().getPort()), e.getMessage());
    }
}
