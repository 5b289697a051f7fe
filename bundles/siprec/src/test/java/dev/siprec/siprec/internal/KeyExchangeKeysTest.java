package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.audio;
import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.KeyedAnswerSession;
import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.recording.api.StreamKeyInfo;
import dev.siprec.recording.api.StreamSummary;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * The keys of a key exchange that runs a handshake on the media port (a fake DTLS-SRTP) travel from
 * the answer session to the media layer unchanged, and what operators see ({@code siprec:keys},
 * {@code session.json}) is the key exchange's {@link KeyingInfo}: source, suite, profile, role and
 * peer fingerprint, read when shown (the profile is known only after the handshake).
 */
class KeyExchangeKeysTest {
    static final String FINGERPRINT = "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3C:4F:2C:02:BC:7C:50:1D:C3:42:4C:6B";

    /** DTLS-like keys: the profile appears when the "handshake" completes. */
    static final class HandshakeKeys implements MediaKeys {
        final CompletableFuture<Void> ready = new CompletableFuture<>();

        @Override
        public KeyingInfo info() {
            return new KeyingInfo("DTLS", "AES_CM_128_HMAC_SHA1_80", ready.isDone() ? "SRTP_AES128_CM_SHA1_80" : null,
                    "server", FINGERPRINT);
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready;
        }

        @Override
        public SrtpPolicy receivePolicy() {
            throw new IllegalStateException("not used by the recording session");
        }

        @Override
        public SrtpPolicy sendPolicy() {
            throw new IllegalStateException("not used by the recording session");
        }
    }

    /** Wraps the fake answerer's sessions so that every accepted m-line is keyed by {@code keys}. */
    static SdpAnswerer keyed(SdpAnswerer inner, MediaKeys keys) {
        return (type, address) -> {
            AnswerSession s = inner.newSession(type, address);
            return new KeyedAnswerSession() {
                private OfferAnswer last;

                @Override
                public OfferAnswer answer(SessionDescription offer, MediaEndpoints endpoints) {
                    last = s.answer(offer, endpoints);
                    return last;
                }

                @Override
                public Optional<MediaKeys> mediaKeys(int index) {
                    return last != null && last.media().get(index).accepted() ? Optional.of(keys) : Optional.empty();
                }

                @Override
                public SessionDescription lastAnswer() {
                    return s.lastAnswer();
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        };
    }

    @Test
    void handshakeKeysReachMediaAndOperatorsSeeTheirKeyingInfo() {
        Harness h = new Harness(Map.of("media.timeout.seconds", 0));
        HandshakeKeys keys = new HandshakeKeys();
        h.answerer = keyed(h.answerer, keys);
        FakeSip.Server call = h.send(invite("application/sdp", offer(audio(10000, "1", "sendonly"))));
        assertEquals(200, call.last().status(), call.last().reason());

        FakeMedia.Receiver r = h.media.receiver("1");
        assertSame(keys, r.current().keys(), "media is given the key exchange's keys");
        assertNull(r.current().srtp());

        StreamKeyInfo k = h.manager.keys().get(0);
        assertEquals("DTLS", k.keyExchange());
        assertEquals(StreamKeyInfo.KeySource.HANDSHAKE, k.source());
        assertEquals("server", k.role());
        assertEquals(FINGERPRINT, k.peerFingerprint());
        assertNull(k.profile(), "no profile before the handshake");
        assertEquals(0, k.lifetimePackets());

        keys.ready.complete(null);
        assertEquals("SRTP_AES128_CM_SHA1_80", h.manager.keys().get(0).profile(), "read when shown");

        h.manager.tick();
        StreamSummary sum = h.sink.last().statistics.get(h.sink.last().statistics.size() - 1);
        assertEquals("dtls", sum.keySource());
        assertEquals("DTLS", sum.keyExchange());
        assertEquals("SRTP_AES128_CM_SHA1_80", sum.profile());
        assertEquals("server", sum.role());
        assertEquals(FINGERPRINT, sum.peerFingerprint());
        assertEquals("AES_CM_128_HMAC_SHA1_80", sum.srtpSuite());
    }
}
