package dev.siprec.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SiprecOfferTest {
    private static final SiprecOffer.Endpoints EP = new SiprecOffer.Endpoints("127.0.0.1", 40000, "127.0.0.1", 5060);

    private static byte[] key(int fill) {
        byte[] k = new byte[30];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void inviteIsMultipartWithTwoLabelledSavpStreamsAndMetadata() throws Exception {
        String sdp = SiprecOffer.sdp("127.0.0.1", 41000, 41002, "PCMA", 8, key(1), key(2));
        String metadata = SiprecOffer.metadata(new SplittableRandom(1));
        byte[] invite = SiprecOffer.invite(EP, "call-1", "tag1", "z9hG4bKabc", sdp, metadata);

        SipMessage m = SipMessage.parse(invite, invite.length);
        assertEquals("INVITE", m.method());
        assertEquals("call-1", m.callId());
        assertEquals("INVITE", m.cseqMethod());
        assertEquals("siprec", m.header("Require"));
        assertEquals(m.body().getBytes(StandardCharsets.UTF_8).length, Integer.parseInt(m.header("Content-Length")));
        assertEquals("multipart/mixed;boundary=" + SiprecOffer.BOUNDARY, m.header("Content-Type"));
        String body = m.body();
        assertTrue(body.startsWith("--" + SiprecOffer.BOUNDARY + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"), body);
        assertTrue(body.contains("\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n"));
        assertTrue(body.endsWith("--" + SiprecOffer.BOUNDARY + "--\r\n"));

        assertEquals(List.of("41000", "41002"), all(sdp, "m=audio (\\d+) RTP/SAVP 8\r\n"));
        assertEquals(List.of("1", "2"), all(sdp, "a=label:(\\S+)\r\n"));
        assertEquals(2, all(sdp, "a=sendonly\r\n").size());
        assertEquals(2, all(sdp, "a=rtpmap:8 PCMA/8000\r\n").size());
        List<String> keys = all(sdp, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:(\\S+)\r\n");
        assertEquals(2, keys.size());
        assertEquals(30, Base64.getDecoder().decode(keys.get(0)).length);
        assertTrue(!keys.get(0).equals(keys.get(1)), "each stream has its own key");

        Document doc = DocumentBuilderFactory.newNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(metadata.getBytes(StandardCharsets.UTF_8)));
        assertEquals("urn:ietf:params:xml:ns:recording:1", doc.getDocumentElement().getNamespaceURI());
        assertEquals(2, doc.getElementsByTagName("stream").getLength());
        assertEquals("1", doc.getElementsByTagName("label").item(0).getTextContent());
        assertEquals("2", doc.getElementsByTagName("label").item(1).getTextContent());
        assertEquals(2, doc.getElementsByTagName("participantstreamassoc").getLength());
    }

    @Test
    void ackAndByeCarryTheDialog() {
        byte[] bye = SiprecOffer.inDialog(EP, "BYE", 2, "sip:srs@127.0.0.1:5060", "call-1", "tag1",
                "<sip:srs@127.0.0.1:5060>;tag=srv", "z9hG4bKbye");
        SipMessage m = SipMessage.parse(bye, bye.length);
        assertEquals("BYE", m.method());
        assertEquals("<sip:srs@127.0.0.1:5060>;tag=srv", m.header("to"));
        assertEquals("2 BYE", m.header("CSeq"));
        assertEquals(List.of("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKbye;rport"), m.vias());
        assertEquals("", m.body());
    }

    @Test
    void answersTheServersRequestWithItsHeaders() {
        String req = "BYE sip:src@127.0.0.1:40000 SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKs\r\n"
                + "f: <sip:srs@127.0.0.1>;tag=srv\r\nt: <sip:src@127.0.0.1>;tag=tag1\r\ni: call-1\r\nCSeq: 7 BYE\r\nl: 0\r\n\r\n";
        SipMessage m = SipMessage.parse(req.getBytes(StandardCharsets.UTF_8), req.length());
        byte[] ok = SiprecOffer.response(m, 200, "OK", "x");
        SipMessage r = SipMessage.parse(ok, ok.length);
        assertEquals(200, r.status());
        assertEquals("7 BYE", r.header("CSeq"));
        assertEquals("<sip:src@127.0.0.1>;tag=tag1", r.header("To"));
        assertEquals("call-1", r.callId());
    }

    @Test
    void readsTheAnswerPortsByLabel() {
        String answer = "--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=srs 1 1 IN IP4 10.0.0.1\r\ns=-\r\n"
                + "c=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 20002 RTP/SAVP 0\r\na=label:2\r\na=recvonly\r\n"
                + "m=audio 20000 RTP/SAVP 0\r\na=recvonly\r\na=label:1\r\nm=audio 0 RTP/SAVP 0\r\na=label:3\r\n--b--\r\n";
        SdpAnswer a = SdpAnswer.parse(answer);
        assertEquals("10.0.0.1", a.address());
        assertEquals(Map.of("1", 20000, "2", 20002, "3", 0), a.portsByLabel());
        assertThrows(IllegalArgumentException.class, () -> SdpAnswer.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\n"));
    }

    @Test
    void refusesMalformedMessages() {
        byte[] noEnd = "SIP/2.0 200 OK\r\nCall-ID: x\r\n".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> SipMessage.parse(noEnd, noEnd.length));
        byte[] badLine = "HELLO\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> SipMessage.parse(badLine, badLine.length));
        byte[] resp = "SIP/2.0 183 Session Progress\r\nCall-ID: x\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipMessage.parse(resp, resp.length);
        assertEquals(183, m.status());
        assertNull(m.cseqMethod());
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return out;
    }
}
