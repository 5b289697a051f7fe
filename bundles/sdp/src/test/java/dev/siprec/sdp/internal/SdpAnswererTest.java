package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.Direction;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SessionDescription;

/** Answer rules for plain RTP: direction, codecs, label, rtcp-mux, refusals, o= line (RFC 3264, RFC 7866). */
class SdpAnswererTest extends AnswererTestBase {

    @ParameterizedTest
    @CsvSource({"sendonly,recvonly", "sendrecv,recvonly", "recvonly,inactive", "inactive,inactive"})
    void directionFollowsRfc3264(String offered, String answered) throws Exception {
        OfferAnswer oa = answer(session(), head() + audio(5000, "RTP/AVP", "a=" + offered + "\r\n"));
        NegotiatedMedia nm = oa.media().get(0);
        assertTrue(nm.accepted());
        assertEquals(Direction.valueOf(offered.toUpperCase()), nm.offeredDirection());
        assertEquals(Direction.valueOf(answered.toUpperCase()), nm.direction());
        assertEquals(Direction.valueOf(answered.toUpperCase()), oa.answer().media().get(0).direction().orElseThrow());
    }

    @Test
    void noDirectionMeansSendrecvAndSessionLevelDirectionApplies() throws Exception {
        assertEquals(Direction.RECVONLY, answer(session(), head() + audio(5000, "RTP/AVP", "")).media().get(0).direction());
        String offer = head().replace("t=0 0\r\n", "t=0 0\r\na=inactive\r\n") + audio(5000, "RTP/AVP", "");
        assertEquals(Direction.INACTIVE, answer(session(), offer).media().get(0).direction());
    }

    @Test
    void decodableCodecsPlusTelephoneEventAndCnKeepOfferedPayloadTypes() throws Exception {
        String offer = head() + "m=audio 5000 RTP/AVP 18 98 9 0 13 8 111 101 96\r\na=rtpmap:18 G729/8000\r\n"
                + "a=rtpmap:98 iLBC/8000\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=rtpmap:96 PCMU/16000\r\na=sendonly\r\n";
        OfferAnswer oa = answer(session(), offer);
        NegotiatedMedia nm = oa.media().get(0);
        assertEquals(List.of(9, 0, 13, 8, 111, 101), nm.codecs().stream().map(Codec::payloadType).toList());
        assertEquals(new Codec(9, "G722", 8000, 1, null), nm.codecs().get(0));
        assertEquals(new Codec(111, "opus", 48000, 2, "useinbandfec=1"), nm.codec(111).orElseThrow());
        assertEquals("G722", nm.primaryCodec().orElseThrow().encoding());
        MediaDescription m = oa.answer().media().get(0);
        assertEquals(List.of("9", "0", "13", "8", "111", "101"), m.formats());
        assertTrue(m.attributes("rtpmap").containsAll(List.of("9 G722/8000", "0 PCMU/8000", "13 CN/8000",
                "8 PCMA/8000", "111 opus/48000/2", "101 telephone-event/8000")));
        assertEquals(List.of("111 useinbandfec=1", "101 0-16"), m.attributes("fmtp"));
    }

    @Test
    void opusWithoutChannelsIsAcceptedButNotAtTheWrongRate() throws Exception {
        String offer = head() + "m=audio 5000 RTP/AVP 96 97\r\na=rtpmap:96 opus/48000\r\na=rtpmap:97 opus/16000/2\r\n";
        assertEquals(List.of(96), answer(session(), offer).media().get(0).codecs().stream().map(Codec::payloadType)
                .toList());
    }

    @Test
    void configuredCodecListIsHonoured() throws Exception {
        AnswerSession s = answerer(Map.of("codecs", new String[] {"PCMA, G729/8000"})).newSession("IP4", "192.0.2.200");
        String offer = head() + "m=audio 5000 RTP/AVP 0 18 8\r\na=sendonly\r\n";
        assertEquals(List.of(18, 8), s.answer(parse(offer), ports).media().get(0).codecs().stream()
                .map(Codec::payloadType).toList());
    }

    @Test
    void noDecodableCodecRefusesTheLineWithTheReason() throws Exception {
        String offer = head() + "m=audio 5000 RTP/AVP 18 101\r\na=rtpmap:18 G729/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendonly\r\n" + audio(5002, "RTP/AVP", "a=sendonly\r\n");
        OfferAnswer oa = answer(session(), offer);
        NegotiatedMedia refused = oa.media().get(0);
        assertFalse(refused.accepted());
        assertTrue(refused.reason().contains("none of the offered codecs can be recorded (offered: G729/8000, "
                + "telephone-event/8000; supported: [PCMU, PCMA, G722, opus])"), refused.reason());
        assertEquals(0, oa.answer().media().get(0).port());
        assertEquals(List.of("18", "101"), oa.answer().media().get(0).formats());
        assertTrue(oa.media().get(1).accepted());
        assertFalse(endpoints.containsKey(0));
    }

    @Test
    void labelRtcpMuxAndRtcpPort() throws Exception {
        String offer = head() + audio(5000, "RTP/AVP", "a=label:alice\r\na=rtcp-mux\r\na=sendonly\r\n")
                + audio(5002, "RTP/AVP", "a=label:bob\r\na=rtcp:6000 IN IP4 198.51.100.9\r\na=sendonly\r\n");
        OfferAnswer oa = answer(session(), offer);
        NegotiatedMedia a = oa.media().get(0);
        NegotiatedMedia b = oa.media().get(1);
        assertEquals("alice", a.label());
        assertTrue(a.rtcpMux());
        assertEquals(5000, a.remote().rtcpPort());
        assertFalse(b.rtcpMux());
        assertEquals(6000, b.remote().rtcpPort());
        assertEquals("198.51.100.9", b.remote().rtcpAddress());
        assertEquals("198.51.100.1", b.remote().address());
        MediaDescription am = oa.answer().media().get(0);
        assertEquals("alice", am.label().orElseThrow());
        assertTrue(am.hasAttribute("rtcp-mux"));
        assertEquals("bob", oa.answer().media().get(1).label().orElseThrow());
        assertFalse(oa.answer().media().get(1).hasAttribute("rtcp-mux"));
        assertFalse(oa.answer().media().get(1).hasAttribute("rtcp"));
    }

    @Test
    void rtcpAttributeWhenTheLocalRtcpPortIsNotNextToRtp() throws Exception {
        AnswerSession s = session();
        OfferAnswer oa = s.answer(parse(head() + audio(5000, "RTP/AVP", "")), nm -> Optional.of(
                new dev.siprec.sdp.api.LocalEndpoint("IP6", "2001:db8::5", 41000, 41005)));
        MediaDescription m = oa.answer().media().get(0);
        assertEquals("41005", m.attribute("rtcp").orElseThrow());
        assertEquals("IP6", oa.answer().connection().addressType());
        assertEquals("2001:db8::5", oa.answer().connection().address());
        assertNull(m.connection());
    }

    @Test
    void nonAudioAndDisabledLinesAreRefusedWithPortZero() throws Exception {
        String offer = head() + "m=video 5004 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + audio(0, "RTP/AVP", "") + "m=application 5008 UDP/BFCP *\r\n" + audio(5010, "RTP/AVP", "");
        OfferAnswer oa = answer(session(), offer);
        assertEquals(4, oa.answer().media().size());
        assertTrue(oa.media().get(0).reason().contains("only audio is recorded; video refused"));
        assertTrue(oa.media().get(1).reason().contains("disabled by the offerer"));
        assertTrue(oa.media().get(2).reason().contains("only audio"));
        assertEquals("m=video 0 RTP/AVP 96", codec.format(oa.answer()).lines().filter(l -> l.startsWith("m=video"))
                .findFirst().orElseThrow());
        assertEquals(List.of(0, 0, 0, 40006), oa.answer().media().stream().map(MediaDescription::port).toList());
        assertEquals(List.of(3), List.copyOf(endpoints.keySet()));
    }

    @Test
    void unsupportedTransportsAreRefused() throws Exception {
        String offer = head() + audio(5000, "UDP/TLS/RTP/SAVP", "a=setup:actpass\r\na=fingerprint:sha-256 AB:CD\r\n")
                + audio(5002, "TCP/RTP/AVP", "") + audio(5004, "RTP/AVPF", "");
        OfferAnswer oa = answer(session(), offer);
        assertEquals("SRTP refused: no key exchange for UDP/TLS/RTP/SAVP is running (DTLS-SRTP, RFC 5764)",
                oa.media().get(0).reason());
        assertTrue(oa.media().get(1).reason().contains("transport protocol TCP/RTP/AVP is not supported"));
        assertTrue(oa.media().get(2).accepted());
        assertEquals("RTP/AVPF", oa.answer().media().get(2).protocol());
    }

    @Test
    void multicastAndMissingConnectionAreRefused() throws Exception {
        String noC = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nt=0 0\r\n" + audio(5000, "RTP/AVP", "")
                + audio(5002, "RTP/AVP", "c=IN IP4 233.252.0.1/127\r\n") + audio(5004, "RTP/AVP", "c=IN IP4 198.51.100.7\r\n");
        OfferAnswer oa = answer(session(), noC.replace("c=IN IP4 233.252.0.1/127\r\n", "")
                .replace("m=audio 5002 RTP/AVP 0 8 101\r\n", "m=audio 5002 RTP/AVP 0 8 101\r\nc=IN IP4 233.252.0.1/127\r\n"));
        assertTrue(oa.media().get(0).reason().contains("no c= line applies"));
        assertTrue(oa.media().get(1).reason().contains("multicast"));
        assertEquals("198.51.100.7", oa.media().get(2).remote().address());
    }

    @Test
    void nothingAcceptableIsAResultNotAnAnswer() throws Exception {
        OfferAnswer oa = answer(session(), head() + "m=video 5004 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");
        assertFalse(oa.acceptable());
        assertNull(oa.answer());
        assertEquals("no m-line acceptable: m-line 0 (video RTP/AVP): only audio is recorded; video refused", oa.reason());
    }

    @Test
    void endpointRefusalRefusesTheLine() throws Exception {
        AnswerSession s = session();
        OfferAnswer oa = s.answer(parse(head() + audio(5000, "RTP/AVP", "") + audio(5002, "RTP/AVP", "")),
                nm -> nm.index() == 0 ? Optional.empty() : ports.endpoint(nm));
        assertEquals("no local media endpoint available", oa.media().get(0).reason());
        assertTrue(oa.media().get(1).accepted());
        OfferAnswer none = s.answer(parse(head() + audio(5000, "RTP/AVP", "") + audio(5002, "RTP/AVP", "")),
                nm -> Optional.empty());
        assertFalse(none.acceptable());
    }

    @Test
    void originKeepsSessionIdAndIncrementsVersionPerReAnswer() throws Exception {
        AnswerSession s = session();
        SessionDescription a1 = answer(s, head() + audio(5000, "RTP/AVP", "a=sendonly\r\n")).answer();
        SessionDescription a2 = answer(s, head() + audio(5000, "RTP/AVP", "a=inactive\r\n")).answer();
        SessionDescription a3 = answer(s, head() + audio(5000, "RTP/AVP", "a=sendonly\r\n")).answer();
        assertEquals(a1.origin().sessionId(), a2.origin().sessionId());
        assertEquals(a1.origin().sessionVersion() + 1, a2.origin().sessionVersion());
        assertEquals(a2.origin().sessionVersion() + 1, a3.origin().sessionVersion());
        assertEquals("IP4", a1.origin().addressType());
        assertEquals("192.0.2.200", a1.origin().address());
        assertEquals(a3, s.lastAnswer());
        assertFalse(a1.origin().sessionId().equals(session().answer(parse(head() + audio(5000, "RTP/AVP", "")), ports)
                .answer().origin().sessionId()));
    }

    @Test
    void reOfferWithFewerMediaLinesIsUnacceptableAndChangesNothing() throws Exception {
        AnswerSession s = session();
        SessionDescription first = answer(s, head() + audio(5000, "RTP/AVP", "") + audio(5002, "RTP/AVP", "")).answer();
        OfferAnswer bad = answer(s, head() + audio(5000, "RTP/AVP", ""));
        assertFalse(bad.acceptable());
        assertTrue(bad.reason().contains("fewer than the 2 of the previous offer (RFC 3264 §8)"));
        assertEquals(first, s.lastAnswer());
        OfferAnswer more = answer(s, head() + audio(5000, "RTP/AVP", "") + audio(5002, "RTP/AVP", "")
                + audio(5004, "RTP/AVP", "a=label:3\r\n"));
        assertEquals(3, more.accepted().size());
        assertEquals(first.origin().sessionVersion() + 1, more.answer().origin().sessionVersion());
    }

    @Test
    void answerIsWellFormedSdp() throws Exception {
        OfferAnswer oa = answer(session(), head() + audio(5000, "RTP/AVP", "a=ptime:30\r\na=label:7\r\na=sendonly\r\n"));
        String text = codec.format(oa.answer());
        assertEquals(oa.answer(), codec.parse(text));
        assertTrue(text.startsWith("v=0\r\no=- "));
        assertTrue(text.contains("\r\ns=-\r\nc=IN IP4 192.0.2.200\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8 101\r\n"));
        assertTrue(text.contains("a=ptime:30\r\na=recvonly\r\na=label:7\r\n"));
        assertEquals(30, oa.media().get(0).ptime());
    }

    @Test
    void closedSessionCannotAnswerAndOriginAddressIsValidated() throws Exception {
        AnswerSession s = session();
        s.close();
        assertThrows(IllegalStateException.class, () -> answer(s, head() + audio(5000, "RTP/AVP", "")));
        SdpAnswererComponent a = answerer(Map.of());
        assertThrows(IllegalArgumentException.class, () -> a.newSession("IP5", "192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> a.newSession("IP4", "2001:db8::1"));
    }

    @Test
    void badCodecConfigurationIsAnOperatorError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> answerer(Map.of("codecs", new String[] {" , "})))
                .getMessage().contains("'codecs' is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> answerer(Map.of("codecs", "opus/abc")))
                .getMessage().contains("codec 'opus/abc' must be name or name/clockrate[/channels]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> answerer(Map.of("codecs", "PCMU,CN")))
                .getMessage().contains("need not be listed"));
    }
}
