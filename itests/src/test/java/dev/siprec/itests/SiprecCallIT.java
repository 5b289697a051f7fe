package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end against the assembled server: SIPp places SIPREC calls with two labelled streams over
 * UDP and TCP, a libsrtp-based sender streams a tone per label (440 Hz on label 1, 1000 Hz on
 * label 2), and the recordings are checked: each stream file's duration and tone, the stereo file's
 * channels, and session.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiprecCallIT {
    private static final int DURATION_MS = 3000;

    private static final String WEBHOOK_SECRET = "it-webhook-secret-0123456789";

    private ServerProcess server;
    private Path work;
    private com.sun.net.httpserver.HttpServer receiver;
    private final java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger badSignatures = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/events", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String sig = ex.getRequestHeaders().getFirst("X-Siprec-Signature");
            if (sig != null && java.security.MessageDigest.isEqual(sig.getBytes(), hmac(body).getBytes())) {
                events.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                ex.sendResponseHeaders(204, -1);
            } else {
                badSignatures.incrementAndGet();
                ex.sendResponseHeaders(401, -1);
            }
            ex.close();
        });
        receiver.start();
        server = ServerProcess.copy("siprec");
        Files.writeString(server.home().resolve("etc/dev.siprec.webhook-it.cfg"),
                "url = http://127.0.0.1:" + receiver.getAddress().getPort() + "/events\nsecret = " + WEBHOOK_SECRET + "\n");
        server.start();
        server.awaitStatus(Duration.ofSeconds(60));
        work = Path.of("target", "sipp").toAbsolutePath();
    }

    @AfterAll
    void stop() {
        server.close();
        receiver.stop(0);
    }

    private static String hmac(byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session's lifecycle reaches a real HTTP receiver as signed JSON (the webhook bundle over Event Admin). */
    private void checkEvents(SiprecCall call) throws Exception {
        String id = "\"call.id\":\"" + call.callId + "\"";
        assertTrue(Await.until(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e.contains(id) && e.contains("session/ENDED"))),
                "no signed session/ENDED event for " + call.callId + "; received " + events + ", bad signatures " + badSignatures.get());
        assertTrue(events.stream().anyMatch(e -> e.contains(id) && e.contains("session/STARTED")), events.toString());
        assertTrue(events.stream().filter(e -> e.contains(id) && e.contains("session/ENDED")).allMatch(e -> e.contains("\"end.reason\":\"BYE\"")),
                events.toString());
        assertEquals(0, badSignatures.get());
        Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
        String folder = "\"recording.folder\":\"" + dir.toAbsolutePath() + "\"";
        assertTrue(Await.until(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e.contains("recording/FINALIZED")
                && e.contains(id) && e.contains(folder) && e.contains("\"recording.state\":\"complete\""))),
                "no recording/FINALIZED event naming " + dir + "; received " + events);

        ServerProcess.Result stats = server.admin("siprec:stats");
        assertEquals(0, stats.status(), stats.err());
        assertTrue(stats.out().matches("(?s).*sessions\\s+siprec\\s+sessions\\.started\\s+[1-9].*"), stats.out());
        assertTrue(stats.out().matches("(?s).*sink\\s+wav\\s+recordings\\.complete\\s+[1-9].*"), stats.out());
        assertTrue(stats.out().matches("(?s).*webhook\\s+it\\s+events\\.delivered\\s+[1-9].*"), stats.out());
    }

    @Test
    void plainRtpCallOverUdpIsRecorded() throws Exception {
        SiprecCall call = new SiprecCall(null, null, DURATION_MS);
        call.place(work, "u1", server.port("udp"));
        check(call, null);
        checkEvents(call);
    }

    @Test
    void srtpCallOverTcpIsRecordedWithAesCmAndGcm() throws Exception {
        SiprecCall call = new SiprecCall("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", DURATION_MS);
        call.place(work, "t1", server.port("tcp"));
        Path dir = check(call, "AES_CM_128_HMAC_SHA1_80");
        String json = Files.readString(dir.resolve("session.json"));
        assertTrue(json.contains("AEAD_AES_128_GCM"), json);
        // the final document (after the BYE) keeps how each stream was keyed
        java.util.regex.Matcher keyed = java.util.regex.Pattern.compile("\"keySource\"\\s*:\\s*\"sdes-offer\"").matcher(json);
        int n = 0;
        while (keyed.find()) {
            n++;
        }
        assertEquals(2, n, "both streams keyed from the offer's a=crypto in the final session.json: " + json);
        assertTrue(java.util.regex.Pattern.compile("\"keyExchange\"\\s*:\\s*\"SDES\"").matcher(json).find(), json);
    }

    private Path check(SiprecCall call, String suite) throws Exception {
        Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
        TwoTones.assertRecorded(dir, DURATION_MS / 1000.0, () -> call.senderReport(work));

        Audio stereo = Audio.read(dir.resolve("stereo.wav"));
        assertEquals(2, stereo.format.getChannels());
        assertEquals(440.0, stereo.dominant(0, 440, 1000), "left = the stream Alice (first participant) sends");
        assertEquals(1000.0, stereo.dominant(1, 440, 1000), "right = Bob's stream");

        String json = Files.readString(dir.resolve("session.json"));
        assertTrue(json.contains(call.callId), json);
        assertTrue(json.contains("sip:alice@example.com"), json);
        assertTrue(json.contains("sip:bob@example.com"), json);
        assertTrue(json.contains("hVpd7YQgRW2nD22h7q60JQ=="), "communication session id: " + json);
        assertTrue(json.contains("stream-1.wav") && json.contains("stream-2.wav"), json);
        if (suite != null) {
            assertTrue(json.contains(suite), json);
        }
        assertTrue(Files.exists(dir.resolve("metadata-1.xml")), "metadata body kept");
        java.util.regex.Matcher received = java.util.regex.Pattern.compile("\"received\"\\s*:\\s*(\\d+)").matcher(json);
        int counted = 0;
        while (received.find()) {
            counted++;
            int n = Integer.parseInt(received.group(1));
            assertTrue(n >= DURATION_MS / 20 * 95 / 100, "packets received per stream (150 sent): " + n + " in " + json);
        }
        assertEquals(2, counted, "packet counters of both streams in session.json");
        return dir;
    }
}
