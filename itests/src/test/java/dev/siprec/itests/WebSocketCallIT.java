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
 * SIPREC calls over WebSocket (RFC 7118) against the assembled server: a JDK WebSocket client places
 * a call with SDES-SRTP over WSS and one over WS, a libsrtp-based sender streams a tone per label,
 * and the recordings are checked. Stopping and starting the WS/WSS bundle through the admin channel
 * while a UDP call records leaves that call intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketCallIT {
    private static final int DURATION_MS = 3000;

    private ServerProcess server;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        server = ServerProcess.copy("websocket").start();
        server.awaitRecording(Duration.ofSeconds(60));
        work = Path.of("target", "ws-calls").toAbsolutePath();
        Files.createDirectories(work);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void srtpCallOverWssIsRecorded() throws Exception {
        Path cert = server.home().resolve("data/tls/wss-default.crt.pem");
        assertTrue(Await.until(Duration.ofSeconds(20), () -> Files.exists(cert)), "no self-signed WSS certificate at " + cert);
        SiprecCall call = new SiprecCall("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", DURATION_MS);
        try (WsSipClient client = new WsSipClient(server.port("wss"), true, cert)) {
            client.call(call, work, () -> server.awaitReceived(call.callId, 2L * (DURATION_MS / 20), Duration.ofSeconds(30)));
        }
        Path dir = check(call);
        String json = Files.readString(dir.resolve("session.json"));
        assertTrue(json.contains("AES_CM_128_HMAC_SHA1_80") && json.contains("AEAD_AES_128_GCM"), json);
    }

    @Test
    void srtpCallOverWsIsRecorded() throws Exception {
        SiprecCall call = new SiprecCall("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80", DURATION_MS);
        try (WsSipClient client = new WsSipClient(server.port("ws"), false, null)) {
            client.call(call, work, () -> server.awaitReceived(call.callId, 2L * (DURATION_MS / 20), Duration.ofSeconds(30)));
        }
        check(call);
    }

    @Test
    void stoppingAndStartingTheWebSocketBundleLeavesAUdpCallIntact() throws Exception {
        int ws = server.port("ws");
        assertTrue(Await.until(Duration.ofSeconds(10), () -> WsSipClient.accepts(ws)));
        SiprecCall call = new SiprecCall(null, null, 5000);
        Process sipp = call.start(work, "u1", server.port("udp"));
        server.awaitReceived(call.callId, 100, Duration.ofSeconds(30)); // a second of media in: the WS stop is mid-call
        assertEquals(0, server.admin("stop dev.siprec.sip.transport.ws").status());
        assertTrue(Await.until(Duration.ofSeconds(10), () -> !WsSipClient.accepts(ws)), "WS port still open after stop");
        assertEquals(0, server.admin("start dev.siprec.sip.transport.ws").status());
        assertTrue(Await.until(Duration.ofSeconds(10), () -> WsSipClient.accepts(ws)), "WS port not back after start");
        call.await(work, sipp, Duration.ofSeconds(40));
        Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
        Audio s1 = Audio.read(dir.resolve("stream-1.wav"));
        assertEquals(5.0, s1.seconds(), 0.25, "the UDP call's stream-1.wav lost audio");
        assertEquals(440.0, s1.dominant(0, 440, 1000));
        assertEquals(1000.0, Audio.read(dir.resolve("stream-2.wav")).dominant(0, 440, 1000));
    }

    private Path check(SiprecCall call) throws Exception {
        Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
        TwoTones.assertRecorded(dir, DURATION_MS / 1000.0);
        String json = Files.readString(dir.resolve("session.json"));
        assertTrue(json.contains(call.callId), json);
        assertTrue(json.contains("AES_CM_128_HMAC_SHA1_80"), "SDES-SRTP negotiated: " + json);
        return dir;
    }
}
