package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The assembled server's metrics and health endpoint: a real SIPREC call over UDP shows in a scrape
 * (session events, transport counters, the RTP quality histograms of its two streams, admission
 * headroom); /health, OPTIONS, siprec:status and Felix's hc:exec turn 503 / DOWN / CRITICAL when a
 * health threshold is changed live in etc/ and back to 200 when it is restored; basic auth guards both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    private static final String USER = "prom";
    private static final String PASSWORD = "it-metrics-Secret-42";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerProcess server;
    private int port;

    @BeforeAll
    void start() throws Exception {
        server = ServerProcess.copy("metrics");
        Path cfg = server.home().resolve("etc/dev.siprec.metrics.cfg");
        ServerProcess.setProperty(cfg, "auth.username", USER);
        ServerProcess.setProperty(cfg, "auth.password", PASSWORD);
        port = Integer.parseInt(Files.readAllLines(cfg).stream().filter(l -> l.startsWith("port="))
                .findFirst().orElseThrow().substring("port=".length()).trim());
        server.start();
        server.awaitRecording(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, boolean authenticate) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (authenticate) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void aRecordedCallShowsInTheScrape() throws Exception {
        assertEquals(401, get("/metrics", false).statusCode());
        double before = value(get("/metrics", true).body(), "siprec_transport_messages_received_total{name=\"udp/default\"}");

        SiprecCall call = new SiprecCall(null, null, 2000);
        call.place(Path.of("target", "sipp-metrics").toAbsolutePath(), "m1", server.port("udp"));
        call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));

        AtomicReference<String> last = new AtomicReference<>("");
        boolean seen = Await.until(Duration.ofSeconds(30), () -> {
            try {
                String body = get("/metrics", true).body();
                last.set(body);
                return value(body, "siprec_sessions_started_total{transport=\"udp\"}") >= 1
                        && value(body, "siprec_sessions_ended_total{reason=\"bye\"}") >= 1
                        && value(body, "siprec_rtp_loss_ratio_count{suite=\"none\"}") >= 2;
            } catch (Exception e) {
                return false;
            }
        });
        String body = last.get();
        Files.writeString(Path.of("target", "metrics-after-call.txt"), body); // kept as a test artifact
        assertTrue(seen, "session events not counted; scrape:\n" + body);
        assertTrue(value(body, "siprec_transport_messages_received_total{name=\"udp/default\"}") >= before + 3, body);
        assertEquals(1.0, value(body, "siprec_transport_up{name=\"udp/default\"}"), body);
        assertEquals(1.0, value(body, "siprec_healthy"), body);
        assertTrue(value(body, "siprec_recording_disk_bytes_free{name=\"disk\"}") > 0, body);
        assertTrue(body.contains("jvm_memory_used_bytes{area=\"heap\"}"), body);

        // both streams' final quality reports: about 2 s of 20 ms packets each over loopback
        assertTrue(body.contains("# TYPE siprec_rtp_loss_ratio histogram"), body);
        assertTrue(body.contains("# TYPE siprec_rtp_jitter_seconds histogram"), body);
        assertTrue(body.contains("# TYPE siprec_rtp_late_packets histogram"), body);
        assertTrue(value(body, "siprec_rtp_jitter_seconds_count{suite=\"none\"}") >= 2, body);
        assertTrue(value(body, "siprec_rtp_late_packets_count{suite=\"none\"}") >= 2, body);
        assertTrue(value(body, "siprec_rtp_packets_expected_total{suite=\"none\"}") >= 150, body);
        assertTrue(value(body, "siprec_rtp_loss_ratio_bucket{suite=\"none\",le=\"1.0\"}") >= 2, body);
        double max = value(body, "siprec_sessions_max{name=\"siprec\"}");
        assertTrue(max >= 1, body);
        assertEquals(max - value(body, "siprec_sessions_active{name=\"siprec\"}"),
                value(body, "siprec_admission_headroom{name=\"siprec\"}"), body);
    }

    @Test
    void healthFollowsALiveThresholdChangeOverHttpAndOptions() throws Exception {
        HttpResponse<String> up = get("/health", true);
        assertEquals(200, up.statusCode(), up.body());
        assertTrue(up.body().startsWith("UP\n"), up.body());
        int udp = server.port("udp");
        assertTrue(SipProbe.firstLine(SipProbe.udpOptions(udp)).contains(" 200 "));

        Path health = server.home().resolve("etc/dev.siprec.health.cfg");
        ServerProcess.setProperty(health, "disk.min.free.mb", "999999999");
        try {
            // wait for the verdict of the new threshold itself (the checks take it live, @Modified,
            // and are re-run half a second after the change), not for just any 503
            assertTrue(Await.until(Duration.ofSeconds(30), () -> body("/health").startsWith("DOWN\n")
                    && body("/health").contains("disk.space CRITICAL")), "health did not turn DOWN on disk.space: " + body("/health"));
            assertEquals(503, status("/health"));
            assertTrue(Await.until(Duration.ofSeconds(30), () -> {
                try {
                    return SipProbe.firstLine(SipProbe.udpOptions(udp)).contains(" 503 ");
                } catch (java.io.IOException e) {
                    return false;
                }
            }), "OPTIONS not answered 503 while unhealthy");
            assertTrue(Await.until(Duration.ofSeconds(30), () -> {
                try {
                    return server.admin("siprec:status").out().contains("Health: DOWN");
                } catch (Exception e) {
                    return false;
                }
            }), "siprec:status shows the verdict");
            // the checks are Apache Felix Health Checks: Felix's own command runs them (its default
            // tag is siprec in etc/org.apache.felix.hc.core.impl.executor.HealthCheckExecutorImpl.cfg)
            ServerProcess.Result hc = server.admin("hc:exec");
            assertTrue(hc.out().contains("disk.space") && hc.out().contains("CRITICAL"), "hc:exec: " + hc);
        } finally {
            ServerProcess.setProperty(health, "disk.min.free.mb", "1024");
        }
        assertTrue(Await.until(Duration.ofSeconds(30), () -> status("/health") == 200), "health did not recover");
        assertTrue(SipProbe.firstLine(SipProbe.udpOptions(udp)).contains(" 200 "));
    }

    private String body(String path) {
        try {
            return get(path, true).body();
        } catch (Exception e) {
            return "";
        }
    }

    private int status(String path) {
        try {
            return get(path, true).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
