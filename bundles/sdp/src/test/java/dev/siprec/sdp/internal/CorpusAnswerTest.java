package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.Direction;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;

/** Answers to the vendor-style offers in src/test/resources/offers, with the facts the session and media use. */
class CorpusAnswerTest extends AnswererTestBase {

    static List<String> corpus() {
        return Fixtures.CORPUS;
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCorpusOfferGetsAWellFormedAnswer(String file) throws Exception {
        OfferAnswer oa = answer(session(), offerFile(file));
        assertTrue(oa.acceptable(), () -> file + ": " + oa.reason());
        assertEquals(oa.answer(), codec.parse(codec.format(oa.answer())));
        assertEquals(parse(offerFile(file)).media().size(), oa.answer().media().size());
        for (NegotiatedMedia nm : oa.accepted()) {
            assertEquals(Direction.RECVONLY, nm.direction(), file);
            assertTrue(nm.primaryCodec().isPresent(), file);
            if (nm.protocol().contains("SAVP")) {
                assertEquals(nm.srtp().keyLength() + nm.srtp().saltLength(),
                        answeredCrypto(oa, nm.index()).keyParams().get(0).length());
            }
        }
    }

    @Test
    void oracle() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("oracle-acme-srtp.sdp"));
        assertEquals(List.of("1", "2"), oa.media().stream().map(NegotiatedMedia::label).toList());
        for (NegotiatedMedia nm : oa.media()) {
            assertEquals("AES_CM_128_HMAC_SHA1_80", nm.srtp().suite());
            assertEquals(1, nm.srtp().tag());
            assertEquals(List.of(0, 8, 101), pts(nm));
            assertEquals(1L << 31, nm.srtp().remotePolicy().keys().get(0).lifetime());
        }
        assertEquals(20002, oa.media().get(1).remote().rtpPort());
        assertEquals(20003, oa.media().get(1).remote().rtcpPort());
    }

    @Test
    void ciscoPlainRtpWithComfortNoise() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("cisco-cube.sdp"));
        assertEquals(List.of(0, 101, 19), pts(oa.media().get(0)));
        assertTrue(oa.media().get(0).codec(19).orElseThrow().isComfortNoise());
        assertNull(oa.media().get(0).srtp());
    }

    @Test
    void audiocodesWithMkiAndG729Left() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("audiocodes-srtp.sdp"));
        NegotiatedMedia nm = oa.media().get(0);
        assertEquals(List.of(8, 101), pts(nm));
        assertEquals("AES_CM_128_HMAC_SHA1_80", nm.srtp().suite());
        assertEquals(1, nm.srtp().remotePolicy().mkiLength());
        assertEquals("0", nm.label());
    }

    @Test
    void avayaG722FirstAndRtcpAttribute() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("avaya-sbce.sdp"));
        NegotiatedMedia caller = oa.media().get(0);
        assertEquals("G722", caller.primaryCodec().orElseThrow().encoding());
        assertEquals(35003, caller.remote().rtcpPort());
        assertEquals("caller", caller.label());
        assertEquals("callee", oa.media().get(1).label());
        assertEquals(1, caller.srtp().tag());
        policy("optional", "AEAD_AES_256_GCM");
        NegotiatedMedia gcm = answer(session(), offerFile("avaya-sbce.sdp")).media().get(0);
        assertEquals(2, gcm.srtp().tag());
        assertEquals(1024, gcm.srtp().remotePolicy().keyDerivationRate());
        assertTrue(answeredCrypto(answer(session(), offerFile("avaya-sbce.sdp")), 1).sessionParams().toString()
                .contains("KDR=10"));
    }

    @Test
    void broadworksSingleMixedStream() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("broadworks-mixed.sdp"));
        assertEquals(1, oa.media().size());
        assertNull(oa.media().get(0).label());
        assertEquals(List.of(0, 8, 101), pts(oa.media().get(0)));
    }

    @Test
    void freeswitchOpusSavpfWithRtcpMux() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("freeswitch-opus.sdp"));
        NegotiatedMedia nm = oa.media().get(0);
        assertEquals(List.of(111, 9, 0, 8, 13, 110), pts(nm));
        assertEquals(new Codec(111, "opus", 48000, 2, "useinbandfec=1; minptime=10"), nm.codecs().get(0));
        assertEquals(Direction.SENDRECV, nm.offeredDirection());
        assertTrue(nm.rtcpMux());
        assertEquals(24580, nm.remote().rtcpPort());
        assertEquals("AES_CM_128_HMAC_SHA1_80", nm.srtp().suite());
        assertEquals(2, nm.srtp().tag());
        assertTrue(oa.answer().media().get(0).hasAttribute("rtcp-mux"));
        assertEquals("RTP/SAVPF", oa.answer().media().get(0).protocol());
    }

    @Test
    void opensipsVideoRefused() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("opensips-siprec.sdp"));
        assertEquals(2, oa.accepted().size());
        assertEquals(0, oa.answer().media().get(2).port());
        assertEquals(List.of(8, 0, 101), pts(oa.media().get(0)));
    }

    @Test
    void ipv6WithTwoMkiKeysAndDecimalLifetime() throws Exception {
        OfferAnswer oa = answer(session(), offerFile("ipv6-srtp.sdp"));
        NegotiatedMedia in = oa.media().get(0);
        assertEquals("IP6", in.remote().addressType());
        assertEquals("2001:db8::10", in.remote().address());
        assertEquals(2, in.srtp().remotePolicy().keys().size());
        assertEquals(7, in.srtp().tag());
        NegotiatedMedia out = oa.media().get(1);
        assertEquals("2001:db8:0:1::20", out.remote().address());
        assertEquals(1048576, out.srtp().remotePolicy().keys().get(0).lifetime());
        assertEquals(0, out.srtp().remotePolicy().mkiLength());
    }

    private static List<Integer> pts(NegotiatedMedia nm) {
        return nm.codecs().stream().map(Codec::payloadType).toList();
    }
}
