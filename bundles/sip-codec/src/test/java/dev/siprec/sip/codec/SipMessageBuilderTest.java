package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.SipMessage;

class SipMessageBuilderTest {
    private final SipParser parser = new SipParser(SipLimits.defaults());

    private ParsedRequest invite() {
        return (ParsedRequest) ((ParseResult.Success) parser.parse(TestMessages.crlf("""
                INVITE sip:srs@example.com SIP/2.0
                Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKc1;rport
                Via: SIP/2.0/TCP 10.0.0.0;branch=z9hG4bKc0
                Record-Route: <sip:proxy.example.com;lr>
                From: "Src" <sip:src@example.com>;tag=f1
                To: <sip:srs@example.com>
                Call-ID: builder@test
                CSeq: 5 INVITE
                Max-Forwards: 70
                Content-Length: 0

                """))).message();
    }

    @Test
    void responseToCopiesTheRequiredFields() {
        ParsedRequest req = invite();
        SipMessage built = SipMessageBuilder.responseTo(req, 200, null).toTag("t1").copyRecordRoute(req)
                .header("Contact", "<sip:srs@192.0.2.20>").build();
        ParsedResponse r = assertInstanceOf(ParsedResponse.class, built);
        assertEquals("OK", r.reasonPhrase());
        assertEquals(req.headers("Via"), r.headers("Via"));
        assertEquals(3, r.vias().size());
        assertEquals("f1", r.fromTag());
        assertEquals("t1", r.toTag());
        assertEquals("builder@test", r.callId());
        assertEquals("5 INVITE", r.header("CSeq"));
        assertEquals(List.of("<sip:proxy.example.com;lr>"), r.headers("Record-Route"));
        assertNull(r.header("Max-Forwards"));
        assertEquals("0", r.header("Content-Length"));
        ParsedResponse again = (ParsedResponse) ((ParseResult.Success) parser.parse(r.encode())).message();
        assertEquals(r.headers("Via"), again.headers("Via"));
        assertEquals("t1", again.toTag());
    }

    @Test
    void toTagIsNotReplaced() {
        ParsedRequest req = invite().withHeader("To", "<sip:srs@example.com>;tag=existing");
        SipMessage r = SipMessageBuilder.responseTo(req, 487, null).toTag("new").build();
        assertEquals("existing", r.toTag());
        assertEquals("Request Terminated", ((ParsedResponse) r).reasonPhrase());
    }

    @Test
    void requestWithBodyGetsContentLength() {
        byte[] sdp = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
        SipMessageBuilder b = SipMessageBuilder.request("BYE", "sip:src@198.51.100.10:5060")
                .header("Via", Via.of("UDP", "192.0.2.20", 5060, "z9hG4bK-bye1").toString())
                .header("From", "<sip:srs@example.com>;tag=t1").header("To", "<sip:src@example.com>;tag=f1")
                .header("Call-ID", "builder@test").header("CSeq", new CSeq(2, "BYE").toString())
                .header("Content-Length", "999").body("application/sdp", sdp);
        ParsedRequest r = assertInstanceOf(ParsedRequest.class, b.build());
        assertEquals("5", r.header("Content-Length"));
        assertArrayEquals(sdp, r.body());
        String wire = new String(b.encode(), StandardCharsets.US_ASCII);
        assertTrue(wire.startsWith("BYE sip:src@198.51.100.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.20:5060;"
                + "branch=z9hG4bK-bye1\r\n"), wire);
        assertTrue(wire.endsWith("Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n"), wire);
        assertInstanceOf(ParseResult.Success.class, parser.parse(b.encode()));
        assertEquals(0, b.noBody().build().body().length);
        assertNull(b.build().header("Content-Type"));
    }

    @Test
    void headerInjectionIsRejected() {
        SipMessageBuilder b = SipMessageBuilder.response(200, null);
        assertThrows(IllegalArgumentException.class, () -> b.header("Subject", "x\r\nVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> b.header("Subject", "x\nVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> b.header("Subject", "x\rVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> b.header("Sub ject", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.header("Subject:", "x"));
        assertThrows(IllegalArgumentException.class, () -> SipMessageBuilder.response(200, "OK\r\nVia: x"));
        assertThrows(IllegalArgumentException.class, () -> SipMessageBuilder.request("BY E", "sip:a@b"));
        assertThrows(IllegalArgumentException.class, () -> SipMessageBuilder.request("BYE", "sip:a@b SIP/2.0\r\n"));
        assertThrows(IllegalArgumentException.class, () -> SipMessageBuilder.response(700, null));
        assertThrows(IllegalArgumentException.class, () -> invite().withHeader("X", "a\r\nb"));
    }

    @Test
    void headerEditing() {
        SipMessageBuilder b = SipMessageBuilder.response(200, "Fine").addHeader("Allow", "INVITE")
                .addHeader("Allow", "BYE").header("Supported", "timer");
        assertEquals(List.of("INVITE", "BYE"), b.build().headers("Allow"));
        b.header("Allow", "INVITE, ACK");
        assertEquals(List.of("INVITE", "ACK"), b.build().headers("Allow"));
        b.removeHeader("allow");
        assertEquals(List.of(), b.build().headers("Allow"));
        ParsedRequest req = invite().withoutHeader("Record-Route").addHeader("Route", "<sip:a@b;lr>");
        assertEquals(List.of("<sip:a@b;lr>"), req.headers("Route"));
        assertEquals(List.of(), req.headers("Record-Route"));
        assertEquals("INVITE sip:srs@example.com SIP/2.0", req.startLine());
    }

    @Test
    void reasonPhrases() {
        assertEquals("Trying", SipMessageBuilder.reasonPhrase(100));
        assertEquals("Session Interval Too Small", SipMessageBuilder.reasonPhrase(422));
        assertEquals("Provide Referrer Identity", SipMessageBuilder.reasonPhrase(429));
        assertEquals("Bad Event", SipMessageBuilder.reasonPhrase(489));
        assertEquals("Message Too Large", SipMessageBuilder.reasonPhrase(513));
        assertEquals("Call/Transaction Does Not Exist", SipMessageBuilder.reasonPhrase(481));
        assertEquals("Client Error", SipMessageBuilder.reasonPhrase(499));
        for (int code : new int[] {180, 181, 182, 183, 200, 300, 301, 302, 305, 380, 400, 401, 402, 403, 404, 405,
            406, 407, 408, 410, 413, 414, 415, 416, 420, 421, 423, 480, 481, 482, 483, 484, 485, 486, 487, 488, 491,
            493, 500, 501, 502, 503, 504, 505, 600, 603, 604, 606}) {
            String p = SipMessageBuilder.reasonPhrase(code);
            assertTrue(!p.isEmpty() && !p.endsWith("Error") || code == 500, code + " " + p);
        }
        assertThrows(IllegalArgumentException.class, () -> SipMessageBuilder.reasonPhrase(99));
    }

    @Test
    void utf8ValuesSurviveEncoding() {
        String text = "Gr\u00fc\u00dfe \u4e2d\u6587 \ud83d\ude00";
        byte[] wire = SipMessageBuilder.responseTo(invite(), 200, "OK \u2713").header("Subject", text)
                .header("X-Lone", "a\ud800b").encode();
        ParsedResponse r = (ParsedResponse) ((ParseResult.Success) parser.parse(wire)).message();
        assertEquals(text, r.header("Subject"));
        assertEquals("OK \u2713", r.reasonPhrase());
        assertEquals("a\ufffdb", r.header("X-Lone"), "an unpaired surrogate becomes U+FFFD, as String.getBytes does");
        assertArrayEquals(new String(wire, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), wire);
    }
}
