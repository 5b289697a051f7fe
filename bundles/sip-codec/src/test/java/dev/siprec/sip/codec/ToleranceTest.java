package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The parser's tolerances for real recording clients: accepted only where unambiguous, and reported. */
class ToleranceTest {

    private static ParseResult parse(String from, String contact, String cseq, String method) {
        String m = method + " sip:srs@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKx\r\n"
                + "From: " + from + "\r\nTo: <sip:srs@192.0.2.1>\r\nCall-ID: c1\r\nCSeq: " + cseq + "\r\n"
                + (contact == null ? "" : "Contact: " + contact + "\r\n") + "Content-Length: 0\r\n\r\n";
        return new SipParser(SipLimits.defaults()).parse(m.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unclosedContactAtTheEndOfTheValue() {
        assertEquals(NameAddress.Tolerance.UNCLOSED_ANGLE, NameAddress.tolerance("<sip:a@192.0.2.9:5060;transport=tcp", true));
        NameAddress na = NameAddress.parseTolerant("\"Rec, A\" <sip:a@192.0.2.9", true);
        assertEquals("sip:a@192.0.2.9", na.rawUri());
        assertNull(NameAddress.tolerance("<sip:a@192.0.2.9", false), "From/To never");
        assertNull(NameAddress.tolerance("<sip:a@b <sip:c@d", true), "two '<': ambiguous");
        assertNull(NameAddress.tolerance("sip:a@b>", true), "a stray '>' is no missing one");
        assertNull(NameAddress.tolerance("<sip:a@192.0.2.9>", true), "conforming: nothing to tolerate");
        assertThrows(SipSyntaxException.class, () -> NameAddress.parse("<sip:a@192.0.2.9"), "strict parse unchanged");

        ParseResult r = parse("<sip:a@192.0.2.9>;tag=1", "<sip:a@192.0.2.9:5070", "1 INVITE", "INVITE");
        ParsedRequest req = (ParsedRequest) assertInstanceOf(ParseResult.Success.class, r).message();
        assertEquals(1, req.tolerated().size());
        assertTrue(req.tolerated().get(0).contains("Contact"), req.tolerated().toString());
        assertEquals("sip:a@192.0.2.9:5070", req.nameAddresses("Contact").get(0).rawUri());
    }

    @Test
    void opaqueUserInFromToContactOnly() {
        assertEquals(NameAddress.Tolerance.OPAQUE_USER, NameAddress.tolerance("<sip:ab]c@192.0.2.9>;tag=1", false));
        NameAddress na = NameAddress.parseTolerant("<sip:ab]c@192.0.2.9>;tag=1", false);
        assertEquals("ab]c", na.uri().user());
        assertEquals("<sip:ab]c@192.0.2.9>;tag=1", na.toString(), "kept as sent");
        assertNull(NameAddress.tolerance("<sip:a b@192.0.2.9>", false), "white space is never opaque");
        assertNull(NameAddress.tolerance("<sip:a\"b@192.0.2.9>", false));
        assertThrows(SipSyntaxException.class, () -> SipUri.parse("sip:ab]c@192.0.2.9"), "Request-URI stays strict");

        ParsedRequest req = (ParsedRequest) ((ParseResult.Success) parse("<sip:ab]c@192.0.2.9>;tag=1", null, "1 INVITE", "INVITE")).message();
        assertEquals("1", req.fromTag());
        assertTrue(req.tolerated().get(0).contains("opaque") && req.tolerated().get(0).contains("From"), req.tolerated().toString());
        assertEquals("sip:ab%5Dc@192.0.2.9;transport=tcp", SipUri.escapeUser("sip:ab]c@192.0.2.9;transport=tcp"));
        assertEquals("sip:192.0.2.9", SipUri.escapeUser("sip:192.0.2.9"));
        SipUri.parse(SipUri.escapeUser("sip:a]b@192.0.2.9"));
    }

    @Test
    void ackWithCseqInviteOnly() {
        ParsedRequest ack = (ParsedRequest) ((ParseResult.Success) parse("<sip:a@192.0.2.9>;tag=1", null, "1 INVITE", "ACK")).message();
        assertTrue(ack.tolerated().get(0).contains("CSeq method INVITE"));
        ParseResult bye = parse("<sip:a@192.0.2.9>;tag=1", null, "1 INVITE", "BYE");
        assertEquals(400, assertInstanceOf(ParseResult.Failure.class, bye).status());
        ParseResult invite = parse("<sip:a@192.0.2.9>;tag=1", null, "1 ACK", "INVITE");
        assertInstanceOf(ParseResult.Failure.class, invite);
    }

    @Test
    void conformingMessagesCarryNoNotes() {
        ParsedRequest ok = (ParsedRequest) ((ParseResult.Success) parse("<sip:a@192.0.2.9>;tag=1", "<sip:a@192.0.2.9>", "1 INVITE", "INVITE")).message();
        assertTrue(ok.tolerated().isEmpty());
    }
}
