package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Direction;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SdpLimits;
import dev.siprec.sdp.api.SdpLine;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;

class SdpCodecTest {
    private final SdpCodecComponent codec = new SdpCodecComponent();

    static List<String> corpus() {
        return Fixtures.CORPUS;
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void corpusRoundTripsByteForByte(String file) throws Exception {
        String text = Fixtures.resource("offers/" + file);
        SessionDescription d = codec.parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, codec.format(d), file);
        assertEquals(d, codec.parse(codec.format(d)));
        assertFalse(d.media().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void corpusParsesWithLfOnlyAndTrailingBlanks(String file) throws Exception {
        String text = Fixtures.resource("offers/" + file);
        String lf = text.replace("\r\n", "\n").replace("\n", "  \n") + "\n\n";
        assertEquals(text, codec.format(codec.parse(lf)));
    }

    @Test
    void oracleOfferFields() throws Exception {
        SessionDescription d = codec.parse(Fixtures.resource("offers/oracle-acme-srtp.sdp"));
        assertEquals("1234567890", d.origin().sessionId());
        assertEquals(1, d.origin().sessionVersion());
        assertEquals("IP4", d.connection().addressType());
        assertEquals(2, d.media().size());
        MediaDescription m = d.media().get(1);
        assertEquals("audio", m.media());
        assertEquals(20002, m.port());
        assertEquals("RTP/SAVP", m.protocol());
        assertEquals(List.of("0", "8", "101"), m.formats());
        assertEquals("2", m.label().orElseThrow());
        assertEquals(Direction.SENDONLY, d.directionOf(m));
        assertEquals(2, m.attributes("crypto").size());
        assertEquals(List.of(new SdpLine('t', "0 0")), d.otherLines());
    }

    @Test
    void rtpmapAndFmtpHelpers() throws Exception {
        MediaDescription m = codec.parse(Fixtures.resource("offers/freeswitch-opus.sdp")).media().get(0);
        assertEquals("111 opus/48000/2", m.rtpmap(111).orElseThrow());
        assertEquals("useinbandfec=1; minptime=10", m.fmtp(111).orElseThrow());
        assertEquals("0-16", m.fmtp(110).orElseThrow());
        assertTrue(m.fmtp(11).isEmpty());
        assertTrue(m.rtpmap(1).isEmpty());
        assertEquals("13 CN/8000", m.rtpmap(13).orElseThrow());
    }

    @Test
    void ipv6ConnectionsAtSessionAndMediaLevel() throws Exception {
        SessionDescription d = codec.parse(Fixtures.resource("offers/ipv6-srtp.sdp"));
        assertEquals("IP6", d.origin().addressType());
        assertEquals("2001:db8::10", d.connectionOf(d.media().get(0)).address());
        assertEquals("2001:db8:0:1::20", d.connectionOf(d.media().get(1)).address());
    }

    @Test
    void unknownLinesAndAttributesAreKeptInOrder() throws Exception {
        String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=x\r\ni=info\r\nc=IN IP4 192.0.2.1\r\nb=AS:64\r\nt=0 0\r\n"
                + "y=vendor line\r\na=zz-first\r\na=group:BUNDLE 0\r\nm=audio 1000 RTP/AVP 0\r\ni=media info\r\n"
                + "b=TIAS:64000\r\nx=other\r\na=b-second:1\r\na=a-third\r\n";
        SessionDescription d = codec.parse(text);
        assertEquals(List.of(new SdpLine('i', "info"), new SdpLine('b', "AS:64"), new SdpLine('t', "0 0"),
                new SdpLine('y', "vendor line")), d.otherLines());
        assertEquals(List.of(new Attribute("zz-first", null), new Attribute("group", "BUNDLE 0")), d.attributes());
        assertEquals(List.of("b-second", "a-third"), d.media().get(0).attributes().stream().map(Attribute::name).toList());
        assertEquals(text, codec.format(d));
    }

    @Test
    void sessionLevelDirectionAppliesToMediaWithoutOne() throws Exception {
        SessionDescription d = codec.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=sendonly\n"
                + "m=audio 1000 RTP/AVP 0\nm=audio 1002 RTP/AVP 0\na=inactive\n");
        assertEquals(Direction.SENDONLY, d.directionOf(d.media().get(0)));
        assertEquals(Direction.INACTIVE, d.directionOf(d.media().get(1)));
    }

    @Test
    void numberOfPortsIsKept() throws Exception {
        SessionDescription d = codec.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                + "m=audio 1000/2 RTP/AVP 0\n");
        assertEquals(2, d.media().get(0).numberOfPorts());
        assertTrue(codec.format(d).contains("m=audio 1000/2 RTP/AVP 0\r\n"));
    }

    static List<Object[]> badBodies() {
        String head = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n";
        return List.of(
                new Object[] {"", "empty session description"},
                new Object[] {"o=- 1 1 IN IP4 192.0.2.1\n", "starts with v="},
                new Object[] {"v=1\n", "unsupported SDP version"},
                new Object[] {"v=0\no=- 1 1 IN IP4\ns=-\n", "o= needs 6 fields"},
                new Object[] {"v=0\no=- abc 1 IN IP4 192.0.2.1\ns=-\n", "session id"},
                new Object[] {"v=0\no=- 1 x IN IP4 192.0.2.1\ns=-\n", "session version"},
                new Object[] {"v=0\no=- 1 1 ATM IP4 192.0.2.1\ns=-\n", "network type must be IN"},
                new Object[] {"v=0\no=- 1 1 IN IPX 192.0.2.1\ns=-\n", "address type must be IP4 or IP6"},
                new Object[] {"v=0\no=- 1 1 IN IP4 192.0.2.1\n", "missing s="},
                new Object[] {"v=0\ns=-\n", "missing o= line"},
                new Object[] {"v=0\no=- 1 1 IN IP4 192.0.2.1\nc=IN IP4 192.0.2.1\ns=-\n", "o= and s= must come before"},
                new Object[] {head + "m=audio 70000 RTP/AVP 0\n", "m= port must be a number in 0..65535"},
                new Object[] {head + "m=audio -1 RTP/AVP 0\n", "m= port"},
                new Object[] {head + "m=audio 1000 RTP/AVP\n", "m= needs"},
                new Object[] {head + "m=audio 1000/0 RTP/AVP 0\n", "number of ports"},
                new Object[] {head + "m=audio 1000 RTP//AVP 0\n", "transport protocol is malformed"},
                new Object[] {head + "c=IN IP4 192.0.2.2\n", "second session-level c="},
                new Object[] {head + "m=audio 1000 RTP/AVP 0\nc=IN IP4 300.1.1.1\n", "not an IPv4 address"},
                new Object[] {head + "m=audio 1000 RTP/AVP 0\nc=IN IP6 2001:db8:::1\n", "not an IPv6 address"},
                new Object[] {head + "m=audio 1000 RTP/AVP 0\nc=IN IP6 192.0.2.1\n", "not an IPv6 address"},
                new Object[] {head + "m=audio 1000 RTP/AVP 0\nc=IN IP4\n", "c= needs 3 fields"},
                new Object[] {head + "a=\n", "attribute name is empty"},
                new Object[] {head + "a=bad name:1\n", "not a token"},
                new Object[] {head + "m=audio 1000 RTP/AVP 0\no=- 1 1 IN IP4 192.0.2.1\n", "o= inside a media section"},
                new Object[] {head + "v=0\n", "second v="},
                new Object[] {"v = 0\n", "no white space is allowed around '='"},
                new Object[] {head + "Xa=1\n", "not a <type>=<value> line"},
                new Object[] {head + "a=x\0y\n", "NUL"},
                new Object[] {head + "a=x\ry\n", "CR without LF"});
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void malformedBodiesAreRejectedWithAReason(String body, String reason) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> codec.parse(body));
        assertTrue(e.getMessage().contains(reason), () -> e.getMessage() + " should mention " + reason);
    }

    @Test
    void errorsCarryTheLineNumber() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> codec.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 99999 RTP/AVP 0\n"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith("SDP line 5: "));
    }

    @Test
    void limitsAreEnforced() throws Exception {
        SdpCodecComponent small = new SdpCodecComponent();
        small.configure(Fixtures.sdpConfig(Map.of("max.bytes", 400, "max.lines", 12, "max.line.length", 60,
                "max.media", 2, "max.attributes", 3)));
        String head = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n";
        assertTrue(assertThrows(SdpParseException.class, () -> small.parse(head + "a=" + "x".repeat(400)))
                .getMessage().contains("exceeds the limit of 400"));
        assertTrue(assertThrows(SdpParseException.class, () -> small.parse(head + "a=" + "x".repeat(70)))
                .getMessage().contains("longer than 60"));
        assertTrue(assertThrows(SdpParseException.class, () -> small.parse(head + "b=AS:1\n".repeat(8)))
                .getMessage().contains("more than 12 lines"));
        assertTrue(assertThrows(SdpParseException.class, () -> small.parse(head + "a=a\n".repeat(4)))
                .getMessage().contains("more than 3 attributes"));
        assertTrue(assertThrows(SdpParseException.class, () -> small.parse(head + "m=audio 1 RTP/AVP 0\n".repeat(3)))
                .getMessage().contains("more than 2 m= lines"));
        assertEquals(2, small.parse(head + "m=audio 1 RTP/AVP 0\n".repeat(2)).media().size());
        assertTrue(assertThrows(SdpParseException.class,
                () -> small.parse(("v=0\n" + "a".repeat(500)).getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("bytes exceeds the limit"));
    }

    @Test
    void badLimitsAreAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SdpCodecComponent().configure(Fixtures.sdpConfig(Map.of("max.media", 0))));
        assertTrue(e.getMessage().startsWith("dev.siprec.sdp: SDP limits too small"));
        assertEquals(SdpLimits.DEFAULT.maxBytes(), 65536);
    }

    @Test
    void nonUtf8BytesDoNotBreakTheParse() throws Exception {
        byte[] latin1 = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=Caf\u00e9\nt=0 0\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Caf\ufffd", codec.parse(latin1).sessionName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "host.example.com", "sbc-1"})
    void ipv4ConnectionForms(String address) throws Exception {
        SessionDescription d = codec.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 " + address + "\nt=0 0\n");
        assertEquals(address, d.connection().address());
    }

    @Test
    void emptySessionNameIsTolerated() throws Exception {
        SessionDescription d = codec.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=\nt=0 0\n");
        assertEquals("", d.sessionName());
        assertNull(d.connection());
        assertTrue(codec.format(d).contains("s= \r\n"));
    }
}
