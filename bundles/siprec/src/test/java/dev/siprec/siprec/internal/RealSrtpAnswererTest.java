package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.offer;
import static dev.siprec.siprec.internal.Harness.srtpAudio;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.sdp.internal.SrtpAnswererFixture;

/** SDES key tracking and server re-keying against the real answer session of bundle dev.siprec.sdp. */
class RealSrtpAnswererTest {
    static final String KEY2 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";

    private static Harness harness(Map<String, Object> config) {
        Harness h = new Harness(config);
        h.answerer = SrtpAnswererFixture.answerer(h.keyManager);
        return h;
    }

    @Test
    void sameKeyKeepsStateNewKeyInstallsOne() {
        Harness h = harness(Map.of("media.timeout.seconds", 0));
        FakeSip.Server call = h.send(invite("application/sdp", offer(srtpAudio(10000, "1", RekeyTest.KEY, "2^20"))));
        assertEquals(200, call.last().status(), call.last().reason());
        assertTrue(call.bodyText().contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"), call.bodyText());
        FakeMedia.Receiver r = h.media.receiver("1");
        assertNull(r.current().srtp(), "media takes its policy from the key exchange's keys, not a copy made here");
        assertEquals("AES_CM_128_HMAC_SHA1_80", r.current().keys().info().suite());
        assertEquals("SDES", r.current().keys().info().source());
        assertTrue(r.current().keys().ready().toCompletableFuture().isDone(), "SDES keys are ready at once");
        StreamKeyInfo first = h.manager.keys().get(0);
        assertEquals(1L << 20, first.lifetimePackets());
        assertEquals("SDES", first.keyExchange());
        assertEquals("answerer", first.role());
        assertNull(first.profile());
        assertNull(first.peerFingerprint());

        h.clock.advance(Duration.ofSeconds(10));
        h.inDialog(call, "INVITE", "application/sdp", offer(srtpAudio(10000, "1", RekeyTest.KEY, "2^20")));
        assertEquals(first.installedAt(), h.manager.keys().get(0).installedAt(), "unchanged a=crypto: same key");

        FakeSip.Server changed = h.inDialog(call, "INVITE", "application/sdp", offer(srtpAudio(10000, "1", KEY2, null)));
        assertEquals(200, changed.last().status());
        StreamKeyInfo second = h.manager.keys().get(0);
        assertNotEquals(first.installedAt(), second.installedAt(), "a new offered key is a new key state");
        assertEquals(0, second.lifetimePackets());
        assertFalse(h.manager.keys().toString().contains(KEY2));
    }

    @Test
    void serverRekeyOfferBuiltFromTheRealAnswer() throws Exception {
        Harness h = harness(Map.of("media.timeout.seconds", 0, "max.key.age.seconds", 60L));
        FakeSip.Server call = h.send(invite("application/sdp", offer(srtpAudio(10000, "1", RekeyTest.KEY, null))));
        assertEquals(200, call.last().status());
        h.clock.advance(Duration.ofSeconds(60));
        h.manager.tick();
        assertEquals(1, call.dialog.sent.size());
        var offered = h.codec.parse(new String(call.dialog.bodies.get(0), StandardCharsets.UTF_8));
        var answered = h.codec.parse(call.bodyText());
        assertEquals(answered.origin().sessionVersion() + 1, offered.origin().sessionVersion());
        assertNotEquals(answered.media().get(0).attributes("crypto"), offered.media().get(0).attributes("crypto"));
        call.dialog.last.complete(new FakeSip.Response(200, offer(srtpAudio(10000, "1", KEY2, null))));
        assertEquals(StreamKeyInfo.KeySource.ANSWER, h.manager.keys().get(0).source());

        // the client's next re-offer is answered by the real answer session with a version above ours
        FakeSip.Server re = h.inDialog(call, "INVITE", "application/sdp", offer(srtpAudio(10000, "1", KEY2, null)));
        assertTrue(h.codec.parse(re.bodyText()).origin().sessionVersion() > offered.origin().sessionVersion(),
                "o= versions keep increasing across our offers and the answers");
    }
}
