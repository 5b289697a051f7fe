package dev.siprec.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import com.sun.net.httpserver.HttpServer;

/** Against a real HTTP server on loopback: signatures, retries with backoff, order, and a restart of both sides. */
class DeliveryTest {
    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private URI startReceiver(int port) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String sig = ex.getRequestHeaders().getFirst("X-Siprec-Signature");
            if (sig == null || !MessageDigest.isEqual(sig.getBytes(StandardCharsets.US_ASCII), expected(body).getBytes(StandardCharsets.US_ASCII))) {
                badSignatures.incrementAndGet();
                ex.sendResponseHeaders(401, -1);
            } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.sendResponseHeaders(503, -1);
            } else {
                bodies.add(new String(body, StandardCharsets.UTF_8));
                ex.sendResponseHeaders(204, -1);
            }
            ex.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private static String expected(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Delivery delivery(URI url) throws IOException {
        return new Delivery("t", url, new DiskQueue(dir, 100, 1 << 20), new Signature(SECRET), Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private static byte[] event(int n) {
        return EventJson.encode("id-" + n, new Event("dev/siprec/session/ENDED", Map.of("call.id", "c" + n, "streams", n)));
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void retriesUntilTheReceiverAcceptsAndKeepsTheOrder() throws Exception {
        URI url = startReceiver(0);
        failuresLeft.set(3);
        try (Delivery d = delivery(url)) {
            d.start();
            for (int i = 1; i <= 5; i++) {
                d.enqueue(event(i));
            }
            // the receiver records a body before it answers; the sender counts it once the answer is in
            assertTrue(await(() -> bodies.size() == 5 && d.counters().get("events.delivered") == 5L
                    && d.counters().get("events.queued") == 0L), "delivered: " + bodies + " " + d.counters());
            for (int i = 1; i <= 5; i++) {
                assertTrue(bodies.get(i - 1).contains("\"call.id\":\"c" + i + "\""), bodies.get(i - 1));
            }
            assertEquals(0, badSignatures.get());
            Map<String, Long> c = d.counters();
            assertEquals(5L, c.get("events.delivered"));
            assertEquals(3L, c.get("attempts.failed"));
            assertEquals(0L, c.get("events.queued"));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "delivered events leave no file behind");
        }
    }

    @Test
    void eventsSurviveARestartOfBothSides() throws Exception {
        URI down = URI.create("http://127.0.0.1:" + freePort() + "/hook");
        try (Delivery d = delivery(down)) {
            d.start();
            d.enqueue(event(1));
            d.enqueue(event(2));
            assertTrue(await(() -> d.counters().get("attempts.failed") >= 1));
        }
        assertEquals(List.of(1L, 2L), new DiskQueue(dir, 100, 1 << 20).sequences(), "queued on disk while the receiver was down");

        URI url = startReceiver(down.getPort());
        try (Delivery d = delivery(url)) {
            d.start();
            d.enqueue(event(3));
            assertTrue(await(() -> bodies.size() == 3), "delivered after restart: " + bodies);
            assertTrue(bodies.get(0).contains("\"c1\"") && bodies.get(2).contains("\"c3\""), bodies.toString());
        }
    }

    @Test
    void aFullQueueDropsNewEventsAndCountsThem() throws Exception {
        URI down = URI.create("http://127.0.0.1:" + freePort() + "/hook");
        try (Delivery d = new Delivery("t", down, new DiskQueue(dir, 2, 1 << 20), new Signature(SECRET), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(10))) {
            d.enqueue(event(1));
            d.enqueue(event(2));
            d.enqueue(event(3));
            assertEquals(2L, d.counters().get("events.queued"));
            assertEquals(1L, d.counters().get("events.dropped"));
        }
    }

    @Test
    void backoffDoublesWithinItsBounds() throws Exception {
        try (Delivery d = delivery(URI.create("http://127.0.0.1:9/x"))) {
            for (int f = 0; f < 30; f++) {
                long ms = d.backoff(f).toMillis();
                assertTrue(ms >= 25 && ms <= 400, f + ": " + ms);
            }
            assertTrue(d.backoff(10).toMillis() >= 200, "reaches the cap's half at least");
        }
    }

    @Test
    void shortSecretsAreRefused() {
        assertFalse(tryKey(new byte[15]));
        assertTrue(tryKey(new byte[16]));
    }

    private static boolean tryKey(byte[] k) {
        try {
            new Signature(k);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
