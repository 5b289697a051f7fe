package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SessionParam;
import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpPolicy;

/** SDES offer/answer (RFC 4568 §7) and the key policy of PID dev.siprec.srtp. */
class SrtpAnswerTest extends AnswererTestBase {
    static final String CM80 = "AES_CM_128_HMAC_SHA1_80";
    static final String CM32 = "AES_CM_128_HMAC_SHA1_32";
    static final String GCM128 = "AEAD_AES_128_GCM";
    static final String GCM256 = "AEAD_AES_256_GCM";

    static String savp(int port, String... cryptoLines) {
        return audio(port, "RTP/SAVP", String.join("", cryptoLines) + "a=sendonly\r\n");
    }

    @Test
    void mostPreferredOfferedAndRegisteredSuiteWithTheSameTagAndAFreshKey() throws Exception {
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, GCM128, 28, 1, ""), crypto(2, CM32, 30, 2, ""),
                crypto(3, CM80, 30, 3, "")));
        SrtpParameters p = oa.media().get(0).srtp();
        assertEquals(CM80, p.suite());
        assertEquals(3, p.tag());
        CryptoAttribute answered = answeredCrypto(oa, 0);
        assertEquals(3, answered.tag());
        assertEquals(CM80, answered.suite());
        assertEquals(1, answered.keyParams().size());
        assertEquals(30, answered.keyParams().get(0).length());
        assertTrue(answered.keyParams().get(0).lifetime().isEmpty());
        assertTrue(answered.keyParams().get(0).mki().isEmpty());
        assertNotEquals(p.remote().keyParams().get(0), answered.keyParams().get(0));
        assertArrayEquals(p.localKey().keyAndSalt(), answered.keyParams().get(0).keyAndSalt());
        assertEquals(1, keys.liveKeys());
        assertEquals(16, p.keyLength());
        assertEquals(14, p.saltLength());
    }

    @Test
    void offerOrderBreaksTiesBetweenAttributesOfOneSuite() throws Exception {
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(5, CM80, 30, 1, ""), crypto(6, CM80, 30, 2, "")));
        assertEquals(5, oa.media().get(0).srtp().tag());
    }

    @Test
    void preferenceListDecides() throws Exception {
        policy("optional", GCM256, CM80);
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, ""), crypto(2, GCM256, 44, 2, "")));
        assertEquals(GCM256, oa.media().get(0).srtp().suite());
        assertEquals(44, answeredCrypto(oa, 0).keyParams().get(0).length());
    }

    @Test
    void unregisteredSuitesAreNotNegotiatedAndComeBackWhenRegistered() throws Exception {
        registry.suites.remove(GCM128);
        String gcmOnly = head() + savp(5000, crypto(1, GCM128, 28, 1, ""));
        OfferAnswer oa = answer(session(), gcmOnly);
        assertFalse(oa.acceptable());
        assertTrue(oa.reason().contains("no acceptable a=crypto: a=crypto 1: suite AEAD_AES_128_GCM is not registered (no installed bundle provides it)"),
                oa.reason());
        registry.with(GCM128);
        assertEquals(GCM128, answer(session(), gcmOnly).media().get(0).srtp().suite());
    }

    @Test
    void registeredSuiteNotInPreferenceListIsStillNegotiatedAfterTheListedOnes() throws Exception {
        policy("optional", CM80);
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(4, CM32, 30, 1, "")));
        assertTrue(oa.acceptable(), oa.reason());
        assertEquals(CM32, oa.media().get(0).srtp().suite());
        OfferAnswer both = answer(session(), head() + savp(5000, crypto(4, CM32, 30, 1, ""), crypto(5, CM80, 30, 2, "")));
        assertEquals(CM80, both.media().get(0).srtp().suite());
    }

    @Test
    void disabledSuiteIsDeclinedWithItsReason() throws Exception {
        srtp.configure(Fixtures.srtpConfig(java.util.Map.of("suites.disabled", CM32)));
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(4, CM32, 30, 1, "")));
        assertFalse(oa.acceptable());
        assertTrue(oa.reason().contains("a=crypto 4: suite AES_CM_128_HMAC_SHA1_32 is disabled (dev.siprec.srtp "
                + "suites.disabled)"), oa.reason());
    }

    @Test
    void unauthenticatedSrtpIsRefusedWhenSrtpIsRequired() throws Exception {
        String offer = head() + savp(5000, crypto(1, CM80, 30, 1, " UNAUTHENTICATED_SRTP"));
        assertTrue(answer(session(), offer).acceptable());
        srtp.configure(Fixtures.srtpConfig(java.util.Map.of("policy", "required", "sdes.transports", "*")));
        OfferAnswer oa = answer(session(), offer);
        assertFalse(oa.acceptable());
        assertTrue(oa.reason().contains("UNAUTHENTICATED_SRTP refused: SRTP is required"), oa.reason());
    }

    @Test
    void sdesOverCleartextSipIsRefusedWhenSrtpIsRequiredAndTheReasonSaysWhy() throws Exception {
        srtp.configure(Fixtures.srtpConfig(java.util.Map.of("policy", "required")));
        String offer = head() + savp(5000, crypto(1, CM80, 30, 1, ""));
        OfferAnswer udp = answerer(java.util.Map.of()).newSession("IP4", "192.0.2.200", "UDP").answer(parse(offer), ports);
        assertFalse(udp.acceptable());
        assertTrue(udp.reason().contains("SDES keys (a=crypto) refused over SIP transport UDP: dev.siprec.srtp "
                + "sdes.transports allows only TLS, WSS"), udp.reason());
        OfferAnswer tls = answerer(java.util.Map.of()).newSession("IP4", "192.0.2.200", "TLS").answer(parse(offer), ports);
        assertTrue(tls.acceptable(), tls.reason());
        tls.media().get(0).srtp().localKey().close();
    }

    @Test
    void wrongKeyLengthAndBadBase64AreDeclinedWithReasonsAndTheNextCryptoIsUsed() throws Exception {
        String bad = head() + savp(5000, crypto(1, CM80, 20, 1, ""), "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:!!!!\r\n",
                crypto(3, GCM128, 30, 3, ""));
        OfferAnswer refused = answer(session(), bad);
        assertFalse(refused.acceptable());
        String r = refused.media().get(0).reason();
        assertTrue(r.contains("a=crypto 1: key is 20 bytes but AES_CM_128_HMAC_SHA1_80 needs 16-byte key + 14-byte salt = 30"), r);
        assertTrue(r.contains("a=crypto 2: key parameter: key||salt is not base64"), r);
        assertTrue(r.contains("a=crypto 3: key is 30 bytes but AEAD_AES_128_GCM needs 16-byte key + 12-byte salt = 28"), r);
        OfferAnswer ok = answer(session(), bad.replace("a=sendonly", crypto(4, CM32, 30, 4, "") + "a=sendonly"));
        assertEquals(4, ok.media().get(0).srtp().tag());
        assertEquals(0, refused.media().get(0).codecs().size());
    }

    @Test
    void lifetimeAboveTheSuiteMaximumIsDeclined() throws Exception {
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, "|2^49")));
        assertTrue(oa.reason().contains("lifetime 2^49 exceeds the AES_CM_128_HMAC_SHA1_80 maximum"), oa.reason());
        assertTrue(answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, "|2^48"))).acceptable());
    }

    @Test
    void supportedSessionParametersAreEchoed() throws Exception {
        OfferAnswer oa = answer(session(), head() + savp(5000,
                crypto(1, CM80, 30, 1, " KDR=4 UNENCRYPTED_SRTCP FEC_ORDER=FEC_SRTP WSH=512 -OPTIONAL_THING")));
        CryptoAttribute a = answeredCrypto(oa, 0);
        assertEquals(List.of("KDR=4", "UNENCRYPTED_SRTCP", "FEC_ORDER=FEC_SRTP", "WSH=512"),
                a.sessionParams().stream().map(SessionParam::text).toList());
        assertEquals(16, a.keyDerivationRate());
    }

    @Test
    void unsupportableSessionParametersDeclineTheCryptoLine() throws Exception {
        String fecKey = " FEC_KEY=inline:" + CryptoCodecTest.key(30, 7);
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, " VENDOR_MANDATORY"),
                crypto(2, CM80, 30, 2, fecKey), crypto(3, GCM128, 28, 3, " UNENCRYPTED_SRTP"),
                crypto(4, GCM128, 28, 4, " UNAUTHENTICATED_SRTP")));
        String r = oa.reason();
        assertTrue(r.contains("a=crypto 1: unknown mandatory session parameter VENDOR_MANDATORY (RFC 4568 §6.3.7)"), r);
        assertTrue(r.contains("a=crypto 2: FEC_KEY (separate FEC keys) is not supported"), r);
        assertTrue(r.contains("a=crypto 3: AEAD suite AEAD_AES_128_GCM always encrypts and authenticates SRTP"), r);
        assertTrue(r.contains("a=crypto 4: AEAD suite"), r);
        assertFalse(r.contains(CryptoCodecTest.key(30, 7)));
        assertEquals(0, keys.liveKeys());
    }

    @Test
    void unencryptedAndUnauthenticatedSrtpAreHonouredForAesCm() throws Exception {
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, " UNENCRYPTED_SRTP UNAUTHENTICATED_SRTP")));
        SrtpPolicy remote = oa.media().get(0).srtp().remotePolicy();
        assertTrue(remote.unencryptedSrtp());
        assertTrue(remote.unauthenticatedSrtp());
        assertFalse(remote.unencryptedSrtcp());
        assertTrue(answeredCrypto(oa, 0).hasFlag(SessionParam.UNAUTHENTICATED_SRTP));
    }

    @Test
    void remoteAndLocalPoliciesCarryTheNegotiatedKeys() throws Exception {
        OfferAnswer oa = answer(session(), head() + savp(5000,
                crypto(1, CM80, 30, 1, "|2^20|1:4;inline:" + CryptoCodecTest.key(30, 2) + "|2^20|2:4 KDR=8 WSH=4096")));
        SrtpParameters p = oa.media().get(0).srtp();
        SrtpPolicy remote = p.remotePolicy();
        assertEquals(CM80, remote.suite());
        assertEquals(2, remote.keys().size());
        assertEquals(4, remote.mkiLength());
        assertEquals(256, remote.keyDerivationRate());
        assertEquals(4096, remote.replayWindow());
        SrtpMasterKey first = remote.keys().get(0);
        byte[] offered = java.util.Base64.getDecoder().decode(CryptoCodecTest.key(30, 1));
        assertArrayEquals(Arrays.copyOf(offered, 16), first.key());
        assertArrayEquals(Arrays.copyOfRange(offered, 16, 30), first.salt());
        assertEquals(1 << 20, first.lifetime());
        SrtpPolicy local = p.localPolicy();
        assertArrayEquals(p.localKey().key(), local.keys().get(0).key());
        assertEquals(0, local.mkiLength());
        assertEquals(256, local.keyDerivationRate());
    }

    @Test
    void savpfIsRecognisedAndNoCryptoRefuses() throws Exception {
        OfferAnswer oa = answer(session(), head() + audio(5000, "RTP/SAVPF", crypto(1, CM80, 30, 1, ""))
                + audio(5002, "RTP/SAVP", ""));
        assertEquals("RTP/SAVPF", oa.answer().media().get(0).protocol());
        assertEquals(CM80, oa.media().get(0).srtp().suite());
        assertEquals("no acceptable a=crypto: no a=crypto attribute in an SRTP m-line (RFC 4568 §5)",
                oa.media().get(1).reason());
    }

    @Test
    void mixedAvpAndSavpUnderEachPolicy() throws Exception {
        String mixed = head() + audio(5000, "RTP/AVP", "a=label:plain\r\n") + savp(5002, crypto(1, CM80, 30, 1, ""));
        OfferAnswer optional = answer(session(), mixed);
        assertEquals(2, optional.accepted().size());
        assertNull(optional.media().get(0).srtp());
        assertEquals(CM80, optional.media().get(1).srtp().suite());
        assertFalse(optional.answer().media().get(0).hasAttribute("crypto"));

        policy("required");
        OfferAnswer required = answer(session(), mixed);
        assertEquals("plain RTP refused: SRTP is required (dev.siprec.srtp policy=required)",
                required.media().get(0).reason());
        assertEquals(0, required.answer().media().get(0).port());
        assertTrue(required.media().get(1).accepted());
        OfferAnswer onlyPlain = answer(session(), head() + audio(5000, "RTP/AVP", ""));
        assertFalse(onlyPlain.acceptable());
        assertTrue(onlyPlain.reason().contains("policy=required"));

        policy("off");
        OfferAnswer off = answer(session(), mixed);
        assertTrue(off.media().get(0).accepted());
        assertEquals("SRTP refused: dev.siprec.srtp policy=off", off.media().get(1).reason());
    }

    @Test
    void identicalReOfferKeepsTheServerKeyAndAChangedOneReplacesAndWipesIt() throws Exception {
        AnswerSession s = session();
        String offer = head() + savp(5000, crypto(1, CM80, 30, 1, ""));
        OfferAnswer first = answer(s, offer);
        SrtpMasterKey k1 = first.media().get(0).srtp().localKey();
        OfferAnswer same = answer(s, offer.replace("o=- 100 1", "o=- 100 2"));
        assertEquals(k1, same.media().get(0).srtp().localKey());
        assertEquals(answeredCrypto(first, 0), answeredCrypto(same, 0));
        assertEquals(1, keys.liveKeys());

        OfferAnswer rekeyed = answer(s, head() + savp(5000, crypto(1, CM80, 30, 9, "")));
        SrtpMasterKey k2 = rekeyed.media().get(0).srtp().localKey();
        assertNotEquals(k1, k2);
        assertTrue(k1.isDestroyed());
        assertFalse(k2.isDestroyed());
        assertEquals(1, keys.liveKeys());
        assertNotEquals(answeredCrypto(first, 0), answeredCrypto(rekeyed, 0));

        OfferAnswer held = answer(s, head() + audio(0, "RTP/SAVP", crypto(1, CM80, 30, 9, "")));
        assertFalse(held.acceptable());
        assertFalse(k2.isDestroyed());
        OfferAnswer plain = answer(s, head() + audio(5000, "RTP/AVP", ""));
        assertTrue(plain.acceptable());
        assertTrue(k2.isDestroyed());
        assertEquals(0, keys.liveKeys());
    }

    @Test
    void closeWipesEveryKeyOfTheSession() throws Exception {
        AnswerSession s = session();
        OfferAnswer oa = answer(s, head() + savp(5000, crypto(1, CM80, 30, 1, "")) + savp(5002, crypto(1, GCM256, 44, 2, "")));
        assertEquals(2, keys.liveKeys());
        SrtpParameters p = oa.media().get(1).srtp();
        s.close();
        assertEquals(0, keys.liveKeys());
        assertTrue(p.localKey().isDestroyed());
        assertArrayEquals(new byte[44], p.remote().keyParams().get(0).keyAndSalt());
    }

    @Test
    void noKeyMaterialInAnyToString() throws Exception {
        String offeredKey = CryptoCodecTest.key(30, 1);
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, "|2^20|1:4")));
        String answerKey = java.util.Base64.getEncoder().encodeToString(answeredCrypto(oa, 0).keyParams().get(0)
                .keyAndSalt());
        String text = oa.toString() + oa.media() + oa.answer() + oa.media().get(0).srtp() + parse(head()
                + savp(5000, crypto(1, CM80, 30, 1, "")));
        assertFalse(text.contains(offeredKey.substring(0, 10)), text);
        assertFalse(text.contains(answerKey.substring(0, 10)), text);
        assertTrue(text.contains("a=crypto:<redacted>"));
        assertTrue(codec.format(oa.answer()).contains(answerKey));
    }

    @Test
    void exhaustedKeyManagerRefusesTheLine() throws Exception {
        keys.exhausted = true;
        OfferAnswer oa = answer(session(), head() + savp(5000, crypto(1, CM80, 30, 1, "")) + audio(5002, "RTP/AVP", ""));
        NegotiatedMedia nm = oa.media().get(0);
        assertEquals("no SRTP key available: test: key limit reached", nm.reason());
        assertTrue(oa.media().get(1).accepted());
    }
}
