package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    @Test
    void splitRespectsQuotesEscapesAndAngleBrackets() {
        assertEquals(List.of("a", "b"), HeaderFields.split(" a ,  b "));
        assertEquals(List.of("\"x, \\\"y,\" <sip:a@b>", "<sip:c@d;p=\"1,2\">"),
                HeaderFields.split("\"x, \\\"y,\" <sip:a@b>, <sip:c@d;p=\"1,2\">"));
        assertEquals(List.of("<sip:a,b@c>", "d"), HeaderFields.split("<sip:a,b@c>,d"));
        assertEquals(List.of("a", "b"), HeaderFields.split(",a,,b,"));
        assertEquals(List.of(), HeaderFields.split("  "));
        assertEquals(List.of("\"unterminated, still one"), HeaderFields.split("\"unterminated, still one"));
    }

    @Test
    void editingKeepsOrder() {
        HeaderFields f = HeaderFields.EMPTY.add("Via", "v1").add("To", "t").add("v", "v2").add("X-A", "1");
        assertEquals(List.of("Via", "To", "X-A"), f.names());
        HeaderFields replaced = f.with("VIA", "only");
        assertEquals(List.of("only"), replaced.all("Via"));
        assertEquals("Via", replaced.name(0));
        assertEquals(List.of("Via", "To", "X-A"), replaced.names());
        assertEquals(List.of("1"), f.all("x-a"));
        assertNull(f.without("x-A").first("X-A"));
        assertEquals(2, f.count("v"));
        assertEquals(f, f.without("Absent"));
    }

    @Test
    void salvageIsLenientAndBounded() {
        String text = """
                INVITE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bK1
                Bad Line Without Colon
                 folded continuation
                From: <sip:x@y>;tag=1
                X-Other: ignored
                f: <sip:dup@y>
                i: salvage@h
                CSeq: 1 INVITE
                Content-Length: x
                To: <sip:a@b>

                """;
        SipParser parser = new SipParser(SipLimits.defaults());
        ParseResult.Failure f = (ParseResult.Failure) parser.parse(TestMessages.crlf(text));
        ParsedRequest p = f.partial();
        assertEquals(List.of("Via", "From", "Call-ID", "CSeq", "To"), p.headerNames());
        assertEquals("salvage@h", p.callId());
        assertEquals(2, p.headerLineCount("From"));
        assertEquals("<sip:x@y>;tag=1", p.header("From"));
        assertEquals(0, p.bodyLength());
    }
}
