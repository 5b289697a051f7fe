package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void via() {
        Via v = Via.parse("SIP / 2.0 / udp 198.51.100.10:5060 ; branch=z9hG4bK776 ;rport;received=192.0.2.9;ttl=16;maddr=224.2.0.1;x=\"q\"");
        assertEquals("SIP", v.protocolName());
        assertEquals("2.0", v.protocolVersion());
        assertEquals("UDP", v.transport());
        assertEquals("198.51.100.10", v.host());
        assertEquals(5060, v.port());
        assertEquals("z9hG4bK776", v.branch());
        assertTrue(v.hasRport());
        assertEquals(OptionalInt.empty(), v.rport());
        assertEquals("192.0.2.9", v.received());
        assertEquals(16, v.ttl().getAsInt());
        assertEquals("224.2.0.1", v.maddr());
        assertEquals("q", v.params().get("x"));
        Via answered = v.withReceived("203.0.113.7").withRport(40123);
        assertEquals("SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK776;rport=40123;received=203.0.113.7;ttl=16;"
                + "maddr=224.2.0.1;x=\"q\"", answered.toString());
        assertEquals(40123, Via.parse(answered.toString()).rport().getAsInt());
        assertEquals("SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKx", Via.of("TLS", "[2001:db8::1]", 5061, "z9hG4bKx")
                .toString());
        assertEquals(-1, Via.parse("SIP/2.0/TCP host").port());
        assertNull(Via.parse("SIP/2.0/TCP host").branch());
        assertThrows(IllegalArgumentException.class, () -> v.withRport(70000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0 host", "SIP/2.0/UDP", "SIP/2.0/UDPhost", "SIP/2.0/UDP host:99999",
        "SIP/2.0/UDP host;ttl=256", "SIP/2.0/UDP host;ttl", "SIP/2.0/UDP host;rport=x", "SIP/2.0/UDP host;branch",
        "SIP/2.0/UDP host;branch=\"q\"", "SIP/2.0/UDP host;;", "SIP/2.0/UDP [::1", "SIP/2.0/UDP host extra",
        "SIP/2.0/UDP host, SIP/2.0/UDP other", ""})
    void badVia(String value) {
        assertThrows(SipSyntaxException.class, () -> Via.parse(value));
    }

    @Test
    void nameAddress() {
        NameAddress a = NameAddress.parse("\"Alice \\\"A\\\" Smith\" <sip:alice@example.com;transport=tcp>;tag=88sja8x;expires=3600");
        assertEquals("Alice \"A\" Smith", a.displayName());
        assertEquals("tcp", a.uri().transport());
        assertEquals("88sja8x", a.tag());
        assertEquals("3600", a.params().get("expires"));
        NameAddress plain = NameAddress.parse("sip:bob@example.com;tag=1");
        assertNull(plain.displayName());
        assertEquals("1", plain.tag());
        assertFalse(plain.uri().hasParam("tag"));
        assertEquals("<sip:bob@example.com>;tag=1", plain.toString());
        assertEquals("<sip:bob@example.com>;tag=1;x=y", plain.withParam("x", "y").toString());
        assertEquals("<sip:bob@example.com>;tag=2", plain.withTag("2").toString());
        NameAddress tokens = NameAddress.parse("Bob  Smith <sip:bob@example.com>");
        assertEquals("Bob  Smith", tokens.displayName());
        assertEquals("J\u00f6rg M\u00fcller", NameAddress.parse("J\u00f6rg M\u00fcller <sip:j@example.com>").displayName());
        NameAddress urn = NameAddress.parse("<urn:service:sos>");
        assertNull(urn.uri());
        assertEquals("urn:service:sos", urn.rawUri());
        NameAddress built = NameAddress.of("Rec \"1\"", SipUri.parse("sip:srs@example.com"));
        assertEquals("\"Rec \\\"1\\\"\" <sip:srs@example.com>", built.toString());
        assertEquals("Rec \"1\"", NameAddress.parse(built.toString()).displayName());
        assertEquals(NameAddress.parse("<sip:a@b>;tag=1"), NameAddress.parse("sip:a@b;tag=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unterminated <sip:a@b>", "<sip:a@b", "Bell, Alexander <sip:a@b>", "< sip:a@b >",
        "<>", "sip:a@b?x=y", "<sip:a@b>;=1", "<sip:a@b> junk", "sip:a@b c", "notauri",
        "<sip:a@b>;tag=1;;", "\"x\" sip:a@b", ""})
    void badNameAddress(String value) {
        assertThrows(SipSyntaxException.class, () -> NameAddress.parse(value));
    }

    @Test
    void cseq() {
        assertEquals(new CSeq(4711, "INVITE"), CSeq.parse("4711 INVITE"));
        assertEquals(new CSeq(0, "ACK"), CSeq.parse(" 0  ACK "));
        assertEquals(CSeq.MAX, CSeq.parse("2147483647 BYE").number());
        assertEquals(7, CSeq.parse("0000000000000007 BYE").number());
        assertEquals("1 BYE", new CSeq(1, "BYE").toString());
        for (String bad : new String[] {"2147483648 BYE", "-1 BYE", "1", "BYE", "1BYE", "1 BY E", "1.0 BYE",
            "99999999999999999999 BYE", ""}) {
            assertThrows(SipSyntaxException.class, () -> CSeq.parse(bad), bad);
        }
    }

    @Test
    void contentType() {
        ContentType ct = ContentType.parse("Multipart/MIXED ; boundary=\"unique-boundary-1\" ; charset=UTF-8");
        assertEquals("multipart", ct.type());
        assertEquals("mixed", ct.subtype());
        assertEquals("multipart/mixed", ct.mediaType());
        assertTrue(ct.isMultipart());
        assertEquals("unique-boundary-1", ct.boundary());
        assertEquals("UTF-8", ct.charset());
        assertTrue(ct.is("MULTIPART/mixed"));
        assertEquals("multipart/mixed;boundary=\"unique-boundary-1\";charset=UTF-8", ct.toString());
        assertEquals("application/sdp;x=1", ContentType.of("application/sdp").withParam("x", "1").toString());
        for (String bad : new String[] {"application", "application/", "/sdp", "a b/c", "text/plain;", "text/plain;a="}) {
            assertThrows(SipSyntaxException.class, () -> ContentType.parse(bad), bad);
        }
    }

    @Test
    void parameters() {
        Parameters p = Parameters.parse(";a=1 ; B ;c=\"x;y\"");
        assertEquals(3, p.size());
        assertTrue(p.contains("b"));
        assertNull(p.get("b"));
        assertEquals("x;y", p.get("C"));
        assertEquals("\"x;y\"", p.raw("c"));
        assertEquals(";a=2;B;c=\"x;y\"", p.with("A", "2").toString(), "replaced in place, name as sent");
        assertEquals(";a=1;c=\"x;y\"", p.without("b").toString());
        assertEquals(Parameters.EMPTY, Parameters.parse(""));
        assertThrows(SipSyntaxException.class, () -> p.with("bad name", "1"));
        assertThrows(SipSyntaxException.class, () -> p.with("n", "a b"));
        assertThrows(SipSyntaxException.class, () -> p.with("n", "\"open"));
    }

    @Test
    void sessionTimerHeaders() {
        SessionExpires se = SessionExpires.parse("1800 ; refresher=UAS;x=y");
        assertEquals(1800, se.deltaSeconds());
        assertEquals(SessionExpires.UAS, se.refresher());
        assertEquals("1800;refresher=UAS;x=y", se.toString());
        assertNull(SessionExpires.parse("90").refresher());
        assertEquals("4000;refresher=uac", SessionExpires.of(4000, "uac").toString());
        assertThrows(SipSyntaxException.class, () -> SessionExpires.parse("0"));
        assertThrows(SipSyntaxException.class, () -> SessionExpires.parse("abc"));
        assertThrows(SipSyntaxException.class, () -> SessionExpires.parse("90;refresher=proxy"));
        assertEquals(90, MinSe.parse("90").deltaSeconds());
        assertEquals("120", MinSe.of(120).toString());
        assertEquals(0xFFFFFFFFL, MinSe.parse("99999999999999999999").deltaSeconds());
        assertThrows(SipSyntaxException.class, () -> MinSe.parse("-5"));
    }

    @Test
    void retryAfterAndOptionTags() {
        RetryAfter r = RetryAfter.parse("120 (I'm in a (long) meeting) ;duration=3600");
        assertEquals(120, r.seconds());
        assertEquals("I'm in a (long) meeting", r.comment());
        assertEquals(3600, r.duration().getAsLong());
        assertEquals("120 (I'm in a (long) meeting);duration=3600", r.toString());
        assertEquals("5", RetryAfter.of(5).toString());
        assertThrows(SipSyntaxException.class, () -> RetryAfter.parse("5 (open"));
        assertThrows(SipSyntaxException.class, () -> RetryAfter.parse("5;duration=x"));
        assertEquals(List.of("timer", "100rel"), OptionTags.parse(List.of("timer, 100rel", "TIMER")));
        assertTrue(OptionTags.contains(List.of("Timer"), "timer"));
        assertEquals(List.of("timer"), OptionTags.normalized(List.of("TIMER")));
        assertEquals("timer, siprec", OptionTags.format(List.of("timer", "siprec")));
        assertThrows(SipSyntaxException.class, () -> OptionTags.parse(List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> OptionTags.format(List.of("a,b")));
    }

    @Test
    void headerNames() {
        assertEquals("Call-ID", HeaderNames.canonical("i"));
        assertEquals("Call-ID", HeaderNames.canonical("CALL-id"));
        assertEquals("Via", HeaderNames.canonical("V"));
        assertEquals("Session-Expires", HeaderNames.canonical("x"));
        assertEquals("Refer-To", HeaderNames.canonical("r"));
        assertEquals("Event", HeaderNames.canonical("o"));
        assertEquals("X-Custom", HeaderNames.canonical("X-Custom"));
        assertEquals("q", HeaderNames.canonical("q"));
        assertEquals("WWW-Authenticate", HeaderNames.canonical("www-authenticate"));
        assertTrue(HeaderNames.same("l", "content-LENGTH"));
        assertTrue(HeaderNames.isList("m"));
        assertTrue(HeaderNames.isList("Record-Route"));
        assertFalse(HeaderNames.isList("WWW-Authenticate"));
        assertFalse(HeaderNames.isList("Date"));
        assertTrue(HeaderNames.isSingle("cseq"));
        assertEquals("v", HeaderNames.compactForm("VIA"));
        assertNull(HeaderNames.compactForm("CSeq"));
        assertFalse(HeaderNames.isToken("a b"));
        assertFalse(HeaderNames.isToken(""));
    }
}
