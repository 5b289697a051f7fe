package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.offer;
import static dev.siprec.siprec.internal.Harness.srtpAudio;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.SessionDescription;

/** Key lifetime (RFC 4568 §6.1, §7.1.4): the server re-keys with a re-INVITE carrying a fresh offer. */
class RekeyTest {
    static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    static final String NEW_CLIENT_KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";

    private static FakeSip.Server srtpCall(Harness h, String lifetime) {
        String sdp = offer(srtpAudio(10000, "1", KEY, lifetime), Harness.audio(10002, "2", "sendonly"));
        FakeSip.Server call = h.send(invite("application/sdp", sdp));
        assertEquals(200, call.last().status(), call.last().reason());
        return call;
    }

    private static String answerWith(String key) {
        return offer(srtpAudio(10000, "1", key, null), Harness.audio(10002, "2", "sendonly"));
    }

    @Test
    void lifetimeNearlyUsedTriggersReinviteWithFreshRecvonlyOffer() throws Exception {
        Harness h = new Harness();
        FakeSip.Server call = srtpCall(h, "2^10");
        StreamKeyInfo k = h.manager.keys().get(0);
        assertEquals(1024, k.lifetimePackets());
        assertEquals(StreamKeyInfo.KeySource.OFFER, k.source());
        FakeMedia.Receiver r = h.media.receiver("1");
        r.received = 900;
        h.manager.tick();
        assertTrue(call.dialog.sent.isEmpty(), "88 % used: not yet");
        r.received = 922;
        h.manager.tick();
        assertEquals(1, call.dialog.sent.size());
        assertEquals("INVITE", call.dialog.sent.get(0));
        assertTrue(h.manager.keys().get(0).rekeyPending());
        String offered = new String(call.dialog.bodies.get(0), StandardCharsets.UTF_8);
        SessionDescription o = h.codec.parse(offered);
        SessionDescription answered = h.codec.parse(call.bodyText());
        assertEquals(2, o.media().size(), "every m-line kept in place");
        assertTrue(o.origin().sessionVersion() > answered.origin().sessionVersion(), "o= version increased");
        assertEquals(answered.origin().sessionId(), o.origin().sessionId());
        assertEquals("recvonly", o.media().get(0).direction().orElseThrow().attributeName());
        CryptoAttribute mine = h.codec.parseCrypto(o.media().get(0).attributes("crypto").get(0));
        CryptoAttribute before = h.codec.parseCrypto(answered.media().get(0).attributes("crypto").get(0));
        assertEquals(1, mine.tag());
        assertEquals("AES_CM_128_HMAC_SHA1_80", mine.suite());
        assertNotEquals(before, mine, "a fresh key");
        assertTrue(o.media().get(1).attributes("crypto").isEmpty(), "plain RTP stream untouched");
        h.manager.tick();
        assertEquals(1, call.dialog.sent.size(), "one re-INVITE at a time");

        h.clock.advance(Duration.ofSeconds(1));
        call.dialog.last.complete(new FakeSip.Response(200, answerWith(NEW_CLIENT_KEY)));
        assertEquals(2, r.settings.size());
        assertEquals("AES_CM_128_HMAC_SHA1_80", r.current().srtp().suite());
        assertTrue(r.current().srtp().keys().stream().allMatch(key -> key.isDestroyed()),
                "the policy handed to media is wiped once applied: the receiver's SRTP session holds its own copies");
        StreamKeyInfo after = h.manager.keys().get(0);
        assertEquals(StreamKeyInfo.KeySource.ANSWER, after.source());
        assertEquals(0, after.packetsUnderKey());
        assertFalse(after.rekeyPending());
        assertEquals(h.clock.instant(), after.installedAt());
        assertEquals(0, h.keyManager.liveKeys(), "the offer's own keys are wiped");
        h.manager.tick();
        assertEquals(1, call.dialog.sent.size(), "fresh key: nothing due");
    }

    @Test
    void maxKeyAgeTriggers() {
        Harness h = new Harness(Map.of("max.key.age.seconds", 3600L, "media.timeout.seconds", 0));
        FakeSip.Server call = srtpCall(h, null);
        h.clock.advance(Duration.ofMinutes(59));
        h.manager.tick();
        assertTrue(call.dialog.sent.isEmpty());
        h.clock.advance(Duration.ofMinutes(1));
        h.manager.tick();
        assertEquals(1, call.dialog.sent.size());
    }

    @Test
    void refusedReinviteRetriedLater() {
        Harness h = new Harness(Map.of("max.key.age.seconds", 60L, "media.timeout.seconds", 0));
        FakeSip.Server call = srtpCall(h, null);
        h.clock.advance(Duration.ofSeconds(61));
        h.manager.tick();
        call.dialog.last.complete(new FakeSip.Response(491, null));
        assertEquals(0, h.keyManager.liveKeys());
        h.manager.tick();
        assertEquals(1, call.dialog.sent.size(), "glare: wait a little");
        h.clock.advance(Rekeyer.GLARE_RETRY);
        h.manager.tick();
        assertEquals(2, call.dialog.sent.size());
        call.dialog.last.complete(new FakeSip.Response(500, null));
        h.clock.advance(Rekeyer.RETRY.minusSeconds(1));
        h.manager.tick();
        assertEquals(2, call.dialog.sent.size());
        h.clock.advance(Duration.ofSeconds(1));
        h.manager.tick();
        assertEquals(3, call.dialog.sent.size());
        assertTrue(h.manager.sessions().get(0).notes().stream().anyMatch(n -> n.contains("re-keying re-INVITE failed")));
    }

    @Test
    void answerWithoutMatchingCryptoKeepsOldKey() {
        Harness h = new Harness(Map.of("max.key.age.seconds", 60L, "media.timeout.seconds", 0));
        FakeSip.Server call = srtpCall(h, null);
        h.clock.advance(Duration.ofSeconds(61));
        h.manager.tick();
        call.dialog.last.complete(new FakeSip.Response(200, answerWith(NEW_CLIENT_KEY).replace("a=crypto:1 ", "a=crypto:7 ")));
        assertEquals(1, h.media.receiver("1").settings.size(), "receiver untouched");
        assertEquals(StreamKeyInfo.KeySource.OFFER, h.manager.keys().get(0).source());
    }

    @Test
    void noKeyManagerNoted() {
        Harness h = new Harness(Map.of("max.key.age.seconds", 60L, "media.timeout.seconds", 0));
        h.keyManager = null;
        FakeSip.Server call = srtpCall(h, null);
        h.clock.advance(Duration.ofSeconds(61));
        h.manager.tick();
        assertTrue(call.dialog.sent.isEmpty());
        assertTrue(h.manager.sessions().get(0).notes().stream().anyMatch(n -> n.contains("no key manager")));
    }

    @Test
    void keyViewsNeverShowKeys() {
        Harness h = new Harness();
        srtpCall(h, "2^20|1:4");
        StreamKeyInfo k = h.manager.keys().get(0);
        assertEquals("1:4", k.mki());
        String all = h.manager.keys().toString() + h.manager.sessions();
        assertFalse(all.contains(KEY), all);
    }
}
