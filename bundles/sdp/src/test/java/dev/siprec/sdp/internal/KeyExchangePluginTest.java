package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeContext;
import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.kex.api.KeyedAnswerSession;
import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.kex.api.KeyingProposal;
import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.srtp.api.SrtpPolicy;

/** Key exchanges come and go as services: SDES behind the contract, and a second one beside it. */
class KeyExchangePluginTest extends AnswererTestBase {
    private static final String CM80 = "AES_CM_128_HMAC_SHA1_80";
    private static final Map<String, Object> SDES_PROPS = Map.of(KeyExchange.NAME, KeyExchange.SDES,
            KeyExchange.PROTOCOLS, new String[] {"RTP/SAVP", "RTP/SAVPF"}, "service.id", 1L);

    private KeyExchange sdes() {
        return kexes.forProtocol("RTP/SAVP").orElseThrow();
    }

    private String mixed() {
        return head() + audio(5000, "RTP/AVP", "a=label:plain\r\na=sendonly\r\n")
                + audio(5002, "RTP/SAVP", "a=label:secure\r\na=sendonly\r\n" + crypto(1, CM80, 30, 1, ""));
    }

    @Test
    void withoutTheSdesBundlePlainRtpWorksAndSrtpIsRefusedWithAReason() throws Exception {
        KeyExchange sdes = sdes();
        kexes.remove(sdes, SDES_PROPS);
        OfferAnswer oa = answer(session(), mixed());
        assertTrue(oa.media().get(0).accepted());
        assertEquals("SRTP refused: no key exchange for RTP/SAVP is running (SDES: bundle dev.siprec.srtp.sdes)",
                oa.media().get(1).reason());
        assertEquals(0, oa.answer().media().get(1).port());
        assertEquals(0, keys.liveKeys());

        OfferAnswer onlySrtp = answer(session(), head() + audio(5002, "RTP/SAVP", crypto(1, CM80, 30, 1, "")));
        assertFalse(onlySrtp.acceptable());
        assertTrue(onlySrtp.reason().contains("no key exchange for RTP/SAVP is running"), onlySrtp.reason());

        kexes.add(sdes, SDES_PROPS);
        OfferAnswer again = answer(session(), mixed());
        assertTrue(again.media().get(1).accepted(), again.media().get(1).reason());
        assertEquals(CM80, again.media().get(1).srtp().suite());
        assertTrue(again.answer().media().get(1).attribute("crypto").isPresent());
    }

    @Test
    void aCallKeepsAndFinallyWipesItsKeysWhenTheSdesBundleGoesAwayMidCall() throws Exception {
        AnswerSession s = session();
        OfferAnswer first = answer(s, mixed());
        assertEquals(1, keys.liveKeys());
        kexes.remove(sdes(), SDES_PROPS);
        OfferAnswer reoffer = answer(s, mixed());
        assertFalse(reoffer.media().get(1).accepted(), "new offers are refused while SDES is stopped");
        assertEquals(0, keys.liveKeys(), "the m-line no longer keyed by SDES had its key released and wiped");
        assertTrue(first.media().get(1).srtp().localKey().isDestroyed());
        s.close();
        assertEquals(0, keys.liveKeys());
    }

    @Test
    void aFailingKeyExchangeRefusesOnlyItsLines() throws Exception {
        kexes.add(new Fake("BROKEN", false, true), Map.of(KeyExchange.NAME, "BROKEN", KeyExchange.PROTOCOLS,
                "RTP/SAVP", "service.id", 7L, "service.ranking", 10));
        OfferAnswer oa = answer(session(), mixed());
        assertTrue(oa.media().get(0).accepted());
        assertEquals("key exchange BROKEN failed: IllegalStateException", oa.media().get(1).reason());
    }

    @Test
    void aSecondKeyExchangeForDtlsProtocolsAddsItsAttributesAndKeysArriveLater() throws Exception {
        srtp.configure(Fixtures.srtpConfig(Map.of("policy", "required")));
        Fake dtls = new Fake(KeyExchange.DTLS, false, false);
        kexes.add(dtls, Map.of(KeyExchange.NAME, KeyExchange.DTLS, KeyExchange.PROTOCOLS,
                List.of("UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF"), "service.id", 8L));
        String offer = head() + audio(5000, "UDP/TLS/RTP/SAVP", "a=setup:actpass\r\na=fingerprint:sha-256 AB:CD\r\n")
                + audio(5002, "RTP/SAVP", crypto(1, CM80, 30, 1, ""));
        AnswerSession s = answerer(Map.of()).newSession("IP4", "192.0.2.200", "UDP");
        OfferAnswer oa = s.answer(parse(offer), ports);
        assertTrue(oa.media().get(0).accepted(), "fingerprints are safe over UDP: " + oa.media().get(0).reason());
        assertNull(oa.media().get(0).srtp());
        assertEquals(List.of("passive", "sha-256 00:11"), oa.answer().media().get(0).attributes().stream()
                .filter(a -> a.name().equals("setup") || a.name().equals("fingerprint")).map(Attribute::value).toList());
        assertTrue(oa.media().get(1).reason().startsWith("SDES keys (a=crypto) refused over SIP transport UDP"));
        assertEquals(List.of("propose 0 suites=[AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM, "
                + "AEAD_AES_256_GCM, AES_256_CM_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_32, AES_192_CM_HMAC_SHA1_80, "
                + "AES_192_CM_HMAC_SHA1_32] required=true", "commit 0", "release 1"), dtls.calls);
        assertFalse(dtls.keys.ready().toCompletableFuture().isDone(), "DTLS keys arrive after the handshake");
        KeyedAnswerSession keyed = (KeyedAnswerSession) s;
        assertSame(dtls.keys, keyed.mediaKeys(0).orElseThrow(), "the committed keys are handed to the media layer");
        assertTrue(keyed.mediaKeys(1).isEmpty(), "a refused m-line has no keys");
        assertTrue(keyed.mediaKeys(7).isEmpty());
        s.close();
        assertEquals("close", dtls.calls.get(dtls.calls.size() - 1));
        assertTrue(keyed.mediaKeys(0).isEmpty(), "nothing after the end of the session");
    }

    /** A key exchange double that records what the answerer asks of it. */
    static final class Fake implements KeyExchange {
        final List<String> calls = new ArrayList<>();
        final String name;
        final boolean inSignaling;
        final boolean broken;
        final CompletableFuture<Void> handshake = new CompletableFuture<>();
        final MediaKeys keys = new MediaKeys() {
            @Override public KeyingInfo info() { return new KeyingInfo(name, "AES_CM_128_HMAC_SHA1_80",
                    "SRTP_AES128_CM_SHA1_80", "server", "sha-256 AB:CD"); }
            @Override public CompletionStage<Void> ready() { return handshake; }
            @Override public SrtpPolicy receivePolicy() { throw new IllegalStateException("no handshake yet"); }
            @Override public SrtpPolicy sendPolicy() { throw new IllegalStateException("no handshake yet"); }
        };

        Fake(String name, boolean inSignaling, boolean broken) {
            this.name = name;
            this.inSignaling = inSignaling;
            this.broken = broken;
        }

        @Override public String name() { return name; }
        @Override public Set<String> protocols() { return Set.of("UDP/TLS/RTP/SAVP"); }
        @Override public boolean keysInSignaling() { return inSignaling; }

        @Override
        public KeyExchangeSession open(KeyExchangeContext context) {
            return new KeyExchangeSession() {
                @Override
                public KeyingProposal propose(KeyingRequest r) {
                    if (broken) {
                        throw new IllegalStateException("broken plug-in");
                    }
                    calls.add("propose " + r.index() + " suites=" + r.suites() + " required=" + r.srtpRequired());
                    return new KeyingProposal() {
                        @Override public Optional<String> refusal() { return Optional.empty(); }
                        @Override public List<Attribute> answerAttributes() {
                            return List.of(new Attribute("setup", "passive"), new Attribute("fingerprint", "sha-256 00:11"));
                        }
                        @Override public MediaKeys keys() { return keys; }
                        @Override public void commit() { calls.add("commit " + r.index()); }
                        @Override public void discard() { calls.add("discard " + r.index()); }
                    };
                }

                @Override public void release(int index) { calls.add("release " + index); }
                @Override public void close() { calls.add("close"); }
            };
        }
    }
}
