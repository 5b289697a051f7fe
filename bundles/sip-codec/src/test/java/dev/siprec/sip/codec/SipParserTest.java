package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SipParserTest {
    private final SipParser parser = new SipParser(SipLimits.defaults());

    private ParsedMessage ok(byte[] bytes) {
        ParseResult r = parser.parse(bytes);
        if (r instanceof ParseResult.Failure f) {
            throw new AssertionError("rejected: " + f.status() + " " + f.reason());
        }
        return (ParsedMessage) ((ParseResult.Success) r).message();
    }

    private ParseResult.Failure fail(byte[] bytes) {
        return assertInstanceOf(ParseResult.Failure.class, parser.parse(bytes));
    }

    private static byte[] options(String replace, String with) {
        return TestMessages.crlf(TestMessages.options().replace(replace, with));
    }

    @Test
    void siprecInviteWithMultipartBody() {
        ParsedRequest m = (ParsedRequest) ok(TestMessages.siprecInvite());
        assertEquals("INVITE", m.method());
        assertEquals("udp", m.requestSipUri().transport());
        assertEquals(5060, m.requestSipUri().port());
        assertEquals(List.of("siprec"), OptionTags.parse(m.headers("Require")));
        assertEquals(List.of("timer", "replaces", "100rel"), m.headers("k"));
        assertEquals(SessionExpires.of(1800, "uac"), SessionExpires.parse(m.header("x")));
        assertEquals(90, MinSe.parse(m.header("Min-SE")).deltaSeconds());
        assertTrue(m.nameAddresses("Contact").get(0).params().contains("+sip.src"));
        assertEquals("multipart/mixed", m.contentType().orElseThrow());
        assertEquals(Integer.parseInt(m.header("Content-Length").strip()), m.bodyLength());
        List<BodyPart> parts = new MultipartParser(SipLimits.defaults()).parse(m.contentTypeHeader().orElseThrow(),
                m.body());
        assertEquals(2, parts.size());
        assertEquals(parts, new MultipartParser(SipLimits.defaults()).parse(m));
        assertTrue(MultipartParser.isMultipart(m));
        assertEquals("application/sdp", parts.get(0).mediaType());
        String sdp = new String(parts.get(0).body(), StandardCharsets.US_ASCII);
        assertEquals(2, sdp.split("\r\nm=audio ", -1).length - 1);
        assertEquals(4, sdp.split("a=crypto:", -1).length - 1);
        assertTrue(sdp.endsWith("a=rtcp-mux"), "RFC 2046 §5.1.1: the CRLF before a delimiter belongs to it");
        assertEquals("application/rs-metadata+xml", parts.get(1).mediaType());
        assertEquals("recording-session", parts.get(1).dispositionType());
        assertTrue(new String(parts.get(1).body(), StandardCharsets.UTF_8).endsWith("</recording>"));
    }

    @Test
    void sippPadsContentLengthWithSpaces() {
        ParsedMessage m = ok(TestMessages.crlf(TestMessages.options().replace("Content-Length: 0", "Content-Length:   4\t")
                .replace("\n\n", "\nabcd").replace("\nabcd", "\n\nabcd")));
        assertEquals(4, m.bodyLength());
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), m.body());
        assertEquals(0, ok(options("Content-Length: 0", "l  :  0")).bodyLength());
    }

    @Test
    void encodeOfACanonicalMessageIsIdentical() {
        byte[] wire = TestMessages.crlf(TestMessages.options());
        assertArrayEquals(wire, ok(wire).encode());
    }

    @Test
    void leadingLineEndsAndBareLfAreTolerated() {
        byte[] wire = TestMessages.crlf(TestMessages.options());
        byte[] padded = new byte[wire.length + 4];
        padded[0] = '\r';
        padded[1] = '\n';
        padded[2] = '\r';
        padded[3] = '\n';
        System.arraycopy(wire, 0, padded, 4, wire.length);
        assertEquals("a84b4c76e66710@pc33.example.com", ok(padded).callId());
        ParsedMessage lf = ok(TestMessages.options().getBytes(StandardCharsets.US_ASCII));
        assertEquals(63104, lf.cseq());
        assertEquals("OPTIONS", lf.cseqMethod());
    }

    @Test
    void offsetAndLengthSelectOneMessage() {
        byte[] wire = TestMessages.crlf(TestMessages.options());
        byte[] buffer = new byte[wire.length + 20];
        Arrays.fill(buffer, (byte) 'x');
        System.arraycopy(wire, 0, buffer, 10, wire.length);
        assertEquals("1928301774", ok(Arrays.copyOfRange(buffer, 10, 10 + wire.length)).fromTag());
        ParseResult r = parser.parse(buffer, 10, wire.length);
        assertEquals("1928301774", ((ParsedMessage) ((ParseResult.Success) r).message()).fromTag());
    }

    @Test
    void datagramBodyIsCutToContentLengthOrTakesTheRest() {
        String base = TestMessages.options().replace("Content-Length: 0\n", "Content-Length: 4\n");
        assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), ok(TestMessages.crlf(base + "abcdEXTRA")).body());
        String noLength = TestMessages.options().replace("Content-Length: 0\n", "");
        ParsedMessage m = ok(TestMessages.crlf(noLength + "rest of datagram"));
        assertEquals("rest of datagram", new String(m.body(), StandardCharsets.US_ASCII));
        assertTrue(new String(m.encode(), StandardCharsets.US_ASCII).contains("Content-Length: 16\r\n"));
        ParseResult.Failure f = fail(TestMessages.crlf(base + "ab"));
        assertEquals(400, f.status());
        assertNotNull(f.partial());
    }

    @Test
    void badContentLengthValues() {
        for (String v : new String[] {"-1", "five", "1 2", "0x10", "", "+3"}) {
            ParseResult.Failure f = fail(options("Content-Length: 0", "Content-Length: " + v));
            assertEquals(400, f.status(), v);
        }
        ParseResult.Failure huge = fail(options("Content-Length: 0", "Content-Length: 99999999999999999999"));
        assertEquals(413, huge.status());
    }

    @Test
    void compactAndCaseInsensitiveNames() {
        ParsedMessage m = ok(TestMessages.crlf("""
                INVITE sip:srs@example.com SIP/2.0
                v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1
                VIA: SIP/2.0/TCP 10.0.0.2;branch=z9hG4bK2, SIP/2.0/TLS 10.0.0.3;branch=z9hG4bK3
                f: <sip:a@example.com>;tag=1
                t: <sip:b@example.com>
                i: abc@host
                CSEQ: 7 INVITE
                m: <sip:a@10.0.0.1>
                k: timer
                s: hello, world
                x: 600
                l: 0

                """));
        assertEquals("abc@host", m.header("Call-ID"));
        assertEquals(m.header("i"), m.header("call-id"));
        assertEquals(List.of("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", "SIP/2.0/TCP 10.0.0.2;branch=z9hG4bK2",
                "SIP/2.0/TLS 10.0.0.3;branch=z9hG4bK3"), m.headers("v"));
        assertEquals("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", m.topVia());
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Contact", "Supported", "Subject",
                "Session-Expires", "Content-Length"), m.headerNames());
        assertEquals(List.of("hello, world"), m.headers("Subject"), "Subject is not a list");
        assertEquals(2, m.headerLineCount("via"));
        assertTrue(new String(m.encode(), StandardCharsets.US_ASCII).contains("\r\nSession-Expires: 600\r\n"));
    }

    @Test
    void commaSplittingFollowsTheFieldGrammar() {
        ParsedMessage m = ok(TestMessages.crlf(TestMessages.options().replace("Content-Length: 0\n", """
                Contact: "Doe, John" <sip:j,k@example.com;x=a>;q=0.5, <sip:k@example.com>
                WWW-Authenticate: Digest realm="a, b", nonce="n", qop="auth,auth-int"
                Date: Sat, 13 Nov 2010 23:29:00 GMT
                Route: <sip:p1@example.com;lr>,<sip:p2@example.com;lr>
                Route: <sip:p3@example.com;lr>
                Content-Length: 0
                """)));
        assertEquals(List.of("\"Doe, John\" <sip:j,k@example.com;x=a>;q=0.5", "<sip:k@example.com>"),
                m.headers("Contact"));
        assertEquals(1, m.headers("WWW-Authenticate").size());
        assertEquals("Sat, 13 Nov 2010 23:29:00 GMT", m.header("Date"));
        assertEquals(List.of("p1", "p2", "p3"), m.nameAddresses("Route").stream().map(n -> n.uri().user()).toList());
    }

    @Test
    void ipv6Everywhere() {
        ParsedRequest m = (ParsedRequest) ok(TestMessages.crlf("""
                BYE sip:srs@[2001:db8::20]:5061;transport=tls SIP/2.0
                Via: SIP/2.0/TLS [2001:db8::10]:5061;branch=z9hG4bK-v6;received=2001:db8::99;rport=40000
                To: <sip:srs@[2001:db8::20]>;tag=srs1
                From: <sip:src@[2001:db8::10]>;tag=src1
                Call-ID: v6call@[2001:db8::10]
                CSeq: 2 BYE
                Contact: <sip:src@[::ffff:192.0.2.1]:5061>
                Max-Forwards: 70
                Content-Length: 0

                """));
        assertEquals("[2001:db8::20]", m.requestSipUri().host());
        assertEquals(5061, m.requestSipUri().port());
        Via via = m.via();
        assertEquals("[2001:db8::10]", via.host());
        assertEquals(5061, via.port());
        assertEquals("2001:db8::99", via.received());
        assertEquals(40000, via.rport().getAsInt());
        assertEquals("[::ffff:192.0.2.1]", m.nameAddresses("Contact").get(0).uri().host());
        assertEquals(400, fail(TestMessages.crlf(TestMessages.options().replace("sip:srs@192.0.2.20 ",
                "sip:srs@[2001:db8::g] "))).status());
    }

    @Test
    void responses() {
        ParsedResponse r = (ParsedResponse) ok(TestMessages.crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:b@example.com>;tag=2
                Call-ID: c@h
                CSeq: 1 INVITE
                Content-Length: 0

                """));
        assertEquals(180, r.statusCode());
        assertEquals("Ringing", r.reasonPhrase());
        assertEquals("2", r.toTag());
        assertEquals("SIP/2.0 180 Ringing", r.startLine());
        ParseResult.Failure f = fail(TestMessages.crlf("SIP/2.0 99 Too Low\nVia: x\n\n"));
        assertNull(f.partial());
        assertEquals(505, fail(TestMessages.crlf("SIP/3.0 200 OK\n\n")).status());
    }

    @Test
    void versions() {
        assertEquals(505, fail(options("SIP/2.0\n", "SIP/2.1\n")).status());
        assertEquals(400, fail(options("SIP/2.0\n", "SIP/2\n")).status());
        assertEquals(400, fail(options("SIP/2.0\n", "HTTP/1.1\n")).status());
        assertEquals("OPTIONS", ((ParsedRequest) ok(options("SIP/2.0\n", "sip/2.0\n"))).method());
    }

    @Test
    void mandatoryHeaders() {
        for (String line : new String[] {"Via: SIP/2.0/UDP 198.51.100.10:5060;branch=z9hG4bK776asdhds\n",
            "To: <sip:srs@192.0.2.20>\n", "From: <sip:src@198.51.100.10>;tag=1928301774\n",
            "Call-ID: a84b4c76e66710@pc33.example.com\n", "CSeq: 63104 OPTIONS\n"}) {
            ParseResult.Failure f = fail(options(line, ""));
            assertEquals(400, f.status());
            assertTrue(f.reason().startsWith("Missing "), f.reason());
        }
        assertEquals(400, fail(options("Call-ID: a84b4c76e66710@pc33.example.com", "Call-ID: a b")).status());
        assertEquals(400, fail(options("Call-ID: a84b4c76e66710@pc33.example.com", "Call-ID: caf\u00e9")).status());
        assertEquals("YWJj==@h", ok(options("Call-ID: a84b4c76e66710@pc33.example.com", "Call-ID: YWJj==@h")).callId());
        assertEquals(400, fail(options("Max-Forwards: 70", "Max-Forwards: ten")).status());
        ok(options("Max-Forwards: 70\n", ""));
    }

    @Test
    void wildcardContactIsAccepted() {
        ParsedMessage m = ok(options("Content-Length: 0", "Contact: *\nExpires: 0\nContent-Length: 0"));
        assertEquals("*", m.header("Contact"));
        assertEquals(400, fail(options("Content-Length: 0", "Contact: <sip:a@b>, *\nContent-Length: 0")).status());
    }

    @Test
    void headerInjectionAndControlCharacters() {
        ParseResult.Failure cr = fail(options("Max-Forwards: 70", "Subject: hi\rVia: SIP/2.0/UDP evil;branch=z9hG4bKx"));
        assertEquals(400, cr.status());
        assertNotNull(cr.partial());
        assertEquals(400, fail(options("Max-Forwards: 70", "Max\u0000Forwards: 70")).status());
        assertEquals(400, fail(options("Max-Forwards: 70", "Max Forwards: 70")).status());
        assertEquals(400, fail(options("Max-Forwards: 70", " leading: continuation")).status(),
                "a folded line needs a field to continue, here it continues Via... and breaks it");
        assertEquals(400, fail(options("Max-Forwards: 70", ": no name")).status());
    }

    @Test
    void emptyAndJunkInput() {
        assertTrue(SipParser.isKeepAlive("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, 4));
        assertTrue(!SipParser.isKeepAlive("\r\nx".getBytes(StandardCharsets.US_ASCII), 0, 3));
        assertTrue(!SipParser.isKeepAlive(new byte[0], 0, 0));
        ParseResult.Failure empty = fail("\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, empty.status());
        assertNull(empty.partial());
        assertNull(fail(new byte[] {0, 1, 2, 3, (byte) 0xff, '\n', '\n'}).partial());
        ParseResult.Failure noLine = fail(new byte[100]);
        assertEquals(400, noLine.status());
        assertEquals(513, fail(new byte[20000]).status());
    }

    @Test
    void everyTruncationFails() {
        byte[] wire = TestMessages.crlf(TestMessages.options().replace("Content-Length: 0", "Content-Length: 5")
                + "hello");
        for (int n = 1; n < wire.length; n++) {
            ParseResult r = parser.parse(Arrays.copyOf(wire, n));
            ParseResult.Failure f = assertInstanceOf(ParseResult.Failure.class, r, "prefix " + n);
            assertEquals(400, f.status(), "prefix " + n + ": " + f.reason());
        }
        assertEquals("hello", new String(ok(wire).body(), StandardCharsets.US_ASCII));
    }

    @Test
    void limits() {
        SipParser small = new SipParser(new SipLimits(2048, 1024, 12, 200, 4));
        byte[] wire = TestMessages.crlf(TestMessages.options());
        assertInstanceOf(ParseResult.Success.class, small.parse(wire));
        ParseResult.Failure body = (ParseResult.Failure) small.parse(TestMessages.crlf(
                TestMessages.options().replace("Content-Length: 0", "Content-Length: 1800") + "x".repeat(1800)));
        assertEquals(413, body.status());
        assertNotNull(body.partial());
        assertEquals("a84b4c76e66710@pc33.example.com", body.partial().callId());
        ParseResult.Failure noLength = (ParseResult.Failure) small.parse(TestMessages.crlf(
                TestMessages.options().replace("Content-Length: 0\n", "") + "x".repeat(1800)));
        assertEquals(413, noLength.status());
        ParseResult.Failure line = (ParseResult.Failure) small.parse(TestMessages.crlf(
                TestMessages.options().replace("Max-Forwards: 70", "X-Long: " + "y".repeat(300))));
        assertEquals(513, line.status());
        assertNotNull(line.partial().topVia());
        ParseResult.Failure many = (ParseResult.Failure) small.parse(TestMessages.crlf(
                TestMessages.options().replace("Max-Forwards: 70", "X-A: 1\n".repeat(10) + "Max-Forwards: 70")));
        assertEquals(513, many.status());
        ParseResult.Failure section = (ParseResult.Failure) small.parse(TestMessages.crlf(
                TestMessages.options().replace("Max-Forwards: 70", ("X-B: " + "z".repeat(150) + "\n").repeat(7)
                        + "Max-Forwards: 70")));
        assertEquals(513, section.status());
        ParseResult.Failure start = (ParseResult.Failure) small.parse(TestMessages.crlf(
                TestMessages.options().replace("sip:srs@192.0.2.20", "sip:" + "u".repeat(300) + "@192.0.2.20")));
        assertEquals(513, start.status());
        assertNull(start.partial());
    }

    @Test
    void defaultLimitsAcceptALargeUdpMessage() {
        String big = "x".repeat(60000);
        ParsedMessage m = ok(TestMessages.crlf(TestMessages.options().replace("Content-Length: 0",
                "Content-Length: 60000") + big));
        assertEquals(60000, m.bodyLength());
        assertEquals(413, fail(TestMessages.crlf(TestMessages.options().replace("Content-Length: 0",
                "Content-Length: 66000") + "x".repeat(66000))).status());
    }

    @Test
    void ackAndCancelCarryTheirOwnMethodInCSeq() {
        for (String method : new String[] {"ACK", "CANCEL"}) {
            ParsedRequest m = (ParsedRequest) ok(TestMessages.crlf(TestMessages.options()
                    .replace("OPTIONS sip", method + " sip").replace("63104 OPTIONS", "63104 " + method)));
            assertEquals(method, m.cseqMethod());
            assertEquals(400, fail(TestMessages.crlf(TestMessages.options().replace("OPTIONS sip", method + " sip")))
                    .status());
        }
    }
}
