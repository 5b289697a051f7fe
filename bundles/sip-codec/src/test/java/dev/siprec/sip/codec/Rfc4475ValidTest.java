package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 4475 §3.1.1: valid messages a parser must accept, with the values it must find. */
class Rfc4475ValidTest {
    private final SipParser parser = new SipParser(SipLimits.defaults());

    private ParsedMessage parse(String name) {
        ParseResult r = parser.parse(Rfc4475.load(name));
        if (r instanceof ParseResult.Failure f) {
            throw new AssertionError(name + " rejected: " + f.status() + " " + f.reason());
        }
        return (ParsedMessage) ((ParseResult.Success) r).message();
    }

    private ParsedRequest request(String name) {
        return assertInstanceOf(ParsedRequest.class, parse(name));
    }

    private ParsedResponse response(String name) {
        return assertInstanceOf(ParsedResponse.class, parse(name));
    }

    /** §3.1.1.1 wsinv: folding, LWS everywhere, compact and mixed-case names, escapes in quotes. */
    @Test
    void shortTortuousInvite() {
        ParsedRequest m = request("wsinv");
        assertEquals("INVITE", m.method());
        assertEquals("sip:vivekg@chair-dnrc.example.com;unknownparam", m.requestUri());
        assertTrue(m.requestSipUri().hasParam("unknownparam"));
        assertEquals("vivekg", m.to().uri().user());
        assertEquals("1918181833n", m.toTag());
        assertEquals("J Rosenberg \\\"", m.from().displayName());
        assertEquals("98asjd8", m.fromTag());
        assertEquals("0068", m.header("Max-Forwards"));
        assertEquals("wsinv.ndaksdj@192.0.2.1", m.callId());
        assertEquals(9, m.cseq());
        assertEquals("INVITE", m.cseqMethod());
        List<Via> vias = m.vias();
        assertEquals(3, vias.size());
        assertEquals("UDP", vias.get(0).transport());
        assertEquals("192.0.2.2", vias.get(0).host());
        assertEquals("390skdjuw", vias.get(0).branch());
        assertEquals("TCP", vias.get(1).transport());
        assertEquals("spindle.example.com", vias.get(1).host());
        assertEquals("z9hG4bK9ikj8", vias.get(1).branch());
        assertEquals("192.168.255.111", vias.get(2).host());
        assertEquals("z9hG4bK30239", vias.get(2).branch());
        assertEquals("", m.header("Subject"));
        assertEquals("newfangled value continued newfangled value", m.header("NewFangledHeader"));
        assertEquals(";;,,;;,;", m.header("UnknownHeaderWithUnusualValue"));
        assertEquals("application/sdp", m.contentType().orElseThrow());
        NameAddress route = m.nameAddresses("Route").get(0);
        assertTrue(route.uri().lr());
        assertEquals("value", route.uri().param("unknownwith"));
        assertTrue(route.uri().hasParam("unknown-no-value"));
        NameAddress contact = m.nameAddresses("m").get(0);
        assertEquals("Quoted string \"\"", contact.displayName());
        assertEquals("newvalue", contact.params().get("newparam"));
        assertTrue(contact.params().contains("secondparam"));
        assertEquals("0.33", contact.params().get("q"));
        assertEquals(150, m.bodyLength());
    }

    /** §3.1.1.2 intmeth: every token character in method, URI user/password, branch, tag, Call-ID. */
    @Test
    void wideRangeOfValidCharacters() {
        ParsedRequest m = request("intmeth");
        assertEquals("!interesting-Method0123456789_*+`.%indeed'~", m.method());
        SipUri uri = m.requestSipUri();
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", uri.user());
        assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", uri.password());
        assertEquals("example.com", uri.host());
        assertEquals("z9hG4bK-.!%66*_+`'~", m.via().branch());
        assertEquals("BEL:\u0007 NUL:\u0000 DEL:\u007f", m.to().displayName());
        assertEquals("token1~` token2'+_ token3*%!.-", m.from().displayName());
        assertEquals("_token~1'+`*%!-.", m.fromTag());
        String utf8 = new String(HexFormat.of().parseHex("D180D0B0D0B1D0BED182D0B0D18ED189D0B8D0B9"), StandardCharsets.UTF_8);
        assertEquals(utf8, m.from().params().get("fromParam''~+*_!.-%"));
        assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.callId());
        assertEquals(139122385, m.cseq());
        assertEquals(m.method(), m.cseqMethod());
        assertEquals("255", m.header("max-forwards"));
        String ext = new String(HexFormat.of().parseHex("EFBBBFE5A4A7E5819CE99BBB"), StandardCharsets.UTF_8);
        assertEquals(ext, m.header("extensionHeader-!.%*+_`'~"));
        assertEquals(0, m.bodyLength());
    }

    /** §3.1.1.3 esc01: % HEX HEX in user parts and URI parameters, unescaped exactly once. */
    @Test
    void escapesInUris() {
        ParsedRequest m = request("esc01");
        assertEquals("sips:user@example.com", m.requestSipUri().user());
        assertEquals("example.net", m.requestSipUri().host());
        assertEquals("user", m.to().uri().user());
        assertEquals("I have spaces", m.from().uri().user());
        assertEquals("esc01.239409asdfakjkn23onasd0-3234", m.callId());
        assertEquals("application/sdp", m.contentType().orElseThrow());
        SipUri contact = m.nameAddresses("Contact").get(0).uri();
        assertEquals("caller", contact.user());
        assertTrue(contact.lr(), "%6C%72 is lr once unescaped");
        assertEquals("value%41", contact.param("name"), "unescaping is never recursive");
        assertEquals(150, m.bodyLength());
    }

    /** §3.1.1.4 escnull: escaped NULs in user parts must not shorten the user name. */
    @Test
    void escapedNulls() {
        ParsedRequest m = request("escnull");
        assertEquals("null-\u0000-null", m.to().uri().user());
        assertEquals("null-\u0000-null", m.from().uri().user());
        List<NameAddress> contacts = m.nameAddresses("Contact");
        assertEquals(2, contacts.size());
        assertEquals("\u0000", contacts.get(0).uri().user());
        assertEquals("\u0000\u0000", contacts.get(1).uri().user());
        assertEquals("0", m.header("Content-Length"));
    }

    /** §3.1.1.5 esc02: % is no escape in method, display names, branch, header names. */
    @Test
    void percentIsNotAlwaysAnEscape() {
        ParsedRequest m = request("esc02");
        assertEquals("RE%47IST%45R", m.method());
        assertEquals("%Z%45", m.to().displayName());
        assertEquals("%Z%45", m.from().displayName());
        assertEquals("z9hG4bK209%fzsnel234", m.via().branch());
        assertEquals("RE%47IST%45R", m.cseqMethod());
        assertEquals(2, m.headers("Contact").size(), "C%6Fntact is another header field");
        assertEquals("<sip:alias2@host2.example.com>", m.header("C%6Fntact"));
    }

    /** §3.1.1.6 lwsdisp: no LWS between display name and '<' is accepted. */
    @Test
    void noLwsBeforeLaquot() {
        ParsedRequest m = request("lwsdisp");
        assertEquals("caller", m.from().displayName());
        assertEquals("caller", m.from().uri().user());
        assertEquals("323", m.fromTag());
    }

    /** §3.1.1.7 longreq: long values, 34 Via values in every name form. */
    @Test
    void longValues() {
        ParsedRequest m = request("longreq");
        assertEquals("I have a user name of " + "extreme".repeat(10) + " proportion", m.to().displayName());
        SipUri to = m.to().uri();
        assertEquals(6000, to.port());
        assertEquals("very" + "long".repeat(20) + "value", to.param("unknownparam1"));
        assertEquals("shortvalue", to.param("longparam" + "name".repeat(25)));
        assertTrue(to.hasParam("very" + "long".repeat(25) + "ParameterNameWithNoValue"));
        assertEquals("12" + "982".repeat(50) + "424", m.fromTag());
        assertEquals("amazinglylongcallername".repeat(5), m.from().uri().user());
        assertEquals("longreq.one" + "really".repeat(20) + "longcallid", m.callId());
        List<Via> vias = m.vias();
        assertEquals(34, vias.size());
        for (int i = 0; i < 33; i++) {
            assertEquals("sip" + (33 - i) + ".example.com", vias.get(i).host());
        }
        assertEquals("192.0.2.5", vias.get(33).received());
        assertEquals("very" + "long".repeat(50) + "branchvalue", vias.get(33).branch());
        assertEquals(150, m.bodyLength());
    }

    /** §3.1.1.8 dblreq: octets after Content-Length in a datagram are noise and dropped. */
    @Test
    void extraOctetsAfterBodyAreIgnored() {
        ParsedRequest m = request("dblreq");
        assertEquals("REGISTER", m.method());
        assertEquals("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.callId());
        assertEquals(0, m.bodyLength());
        assertEquals("j.user", m.nameAddresses("Contact").get(0).uri().user());
    }

    /** §3.1.1.9 semiuri: semicolons in the user part, escaped '@'; Accept folded over lines. */
    @Test
    void semicolonInUserPart() {
        ParsedRequest m = request("semiuri");
        assertEquals("user;par=u@example.net", m.requestSipUri().user());
        assertEquals("example.com", m.requestSipUri().host());
        assertTrue(m.requestSipUri().params().isEmpty());
        assertEquals(List.of("application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed",
                "message/sip", "message/sipfrag"), m.headers("Accept"));
    }

    /** §3.1.1.10 transports: UDP, SCTP, TLS, an unknown transport, TCP. */
    @Test
    void viaTransports() {
        ParsedRequest m = request("transports");
        assertEquals(List.of("UDP", "SCTP", "TLS", "UNKNOWN", "TCP"),
                m.vias().stream().map(Via::transport).toList());
        assertEquals("transports.kijh4akdnaqjkwendsasfdj", m.callId());
    }

    /** §3.1.1.11 mpart01: multipart body with a binary part holding NULs, framed by Content-Length. */
    @Test
    void multipartWithBinaryPart() {
        ParsedRequest m = request("mpart01");
        assertEquals(553, m.bodyLength());
        assertTrue(m.via().hasRport());
        assertTrue(m.via().rport().isEmpty());
        assertEquals(5070, m.via().port());
        ContentType ct = m.contentTypeHeader().orElseThrow();
        assertEquals("7a9cbec02ceef655", ct.boundary());
        List<BodyPart> parts = new MultipartParser(SipLimits.defaults()).parse(ct, m.body());
        assertEquals(2, parts.size());
        assertEquals("text/plain", parts.get(0).mediaType());
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), parts.get(0).body());
        assertEquals("application/octet-stream", parts.get(1).mediaType());
        assertEquals(344, parts.get(1).length());
        assertEquals("binary", parts.get(1).header("content-transfer-encoding"));
    }

    /** §3.1.1.12 unreason: UTF-8 reason phrase. */
    @Test
    void unusualReasonPhrase() {
        ParsedResponse m = response("unreason");
        assertEquals(200, m.statusCode());
        assertTrue(m.reasonPhrase().startsWith("= 2**3 * 5**2 "));
        assertTrue(m.reasonPhrase().endsWith(new String(HexFormat.of().parseHex("D0BFD180D0BED181D182D0BED0B5"),
                StandardCharsets.UTF_8)));
        assertEquals(154, m.bodyLength());
    }

    /** §3.1.1.13 noreason: empty reason phrase. */
    @Test
    void emptyReasonPhrase() {
        ParsedResponse m = response("noreason");
        assertEquals(100, m.statusCode());
        assertEquals("", m.reasonPhrase());
        assertEquals("902jndnke3", m.toTag());
    }

    /** §3.3 messages that are syntactically valid; their problems are for the application layer. */
    @Test
    void semanticallyOddButSyntacticallyValid() {
        // §3.3.1 unkscm / §3.3.2 novelsc: unknown Request-URI schemes parse; the core answers 416.
        assertNull(request("unkscm").requestSipUri());
        assertEquals("nobodyKnowsThisScheme:totallyopaquecontent", request("unkscm").requestUri());
        assertNull(request("novelsc").requestSipUri());
        // §3.3.3 unksm2: unknown schemes in To/From/Contact are kept raw.
        ParsedRequest unksm2 = request("unksm2");
        assertNull(unksm2.to().uri());
        assertEquals("isbn:2983792873", unksm2.to().rawUri());
        assertEquals("http://www.example.com", unksm2.from().rawUri());
        assertEquals("3234233", unksm2.fromTag());
        // §3.3.4 bext01: unknown option tags are the core's business (420).
        assertEquals(List.of("nothingSupportsThis", "nothingSupportsThisEither"),
                OptionTags.parse(request("bext01").headers("Require")));
        // §3.3.6 invut: unknown body type (415 from the application).
        assertEquals("application/unknownformat", request("invut").contentType().orElseThrow());
        assertEquals(40, request("invut").bodyLength());
        // §3.3.7 regaut01: unknown authorization scheme, kept as one value (not a list field).
        assertEquals("NoOneKnowsThisScheme opaque-data=here", request("regaut01").header("Authorization"));
        // §3.3.9 regescrt: escaped headers in a name-addr Contact are legal syntax.
        assertEquals("<sip:sip.example.com>", request("regescrt").nameAddresses("Contact").get(0).uri().header("Route"));
        // §3.3.12 cparam01 / cparam02: where the parameter belongs depends on the angle brackets.
        NameAddress c1 = request("cparam01").nameAddresses("Contact").get(0);
        assertTrue(c1.params().contains("unknownparam"));
        assertFalse(c1.uri().hasParam("unknownparam"));
        NameAddress c2 = request("cparam02").nameAddresses("Contact").get(0);
        assertFalse(c2.params().contains("unknownparam"));
        assertTrue(c2.uri().hasParam("unknownparam"));
        // §3.3.14 bcast: broadcast address in a Via of a response parses (the transaction layer drops it).
        assertEquals("255.255.255.255", response("bcast").vias().get(1).host());
        // §3.2.1 badbranch: the magic cookie without an identifier parses.
        assertEquals("z9hG4bK", request("badbranch").via().branch());
        // §3.4.1 inv2543: RFC 2543 request without branch, tags, Max-Forwards or Content-Length.
        ParsedRequest inv2543 = request("inv2543");
        assertNull(inv2543.via().branch());
        assertNull(inv2543.fromTag());
        assertEquals("phone", inv2543.to().params().get("user"));
        assertTrue(inv2543.bodyLength() > 0);
        // §3.1.2.12 baddate: non-GMT Date is acceptable to ignore; it is not parsed here.
        assertEquals("Fri, 01 Jan 2010 16:00:00 EST", request("baddate").header("Date"));
    }

    /** Every valid message re-encodes into bytes that parse to the same values. */
    @Test
    void reEncodedMessagesParseAgain() {
        for (String name : List.of("wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq",
                "semiuri", "transports", "mpart01", "unreason", "noreason")) {
            ParsedMessage first = parse(name);
            ParseResult again = parser.parse(first.encode());
            ParsedMessage second = (ParsedMessage) assertInstanceOf(ParseResult.Success.class, again, name).message();
            assertEquals(first.callId(), second.callId(), name);
            assertEquals(first.cseq(), second.cseq(), name);
            assertEquals(first.vias(), second.vias(), name);
            assertEquals(first.from(), second.from(), name);
            assertEquals(first.to(), second.to(), name);
            assertArrayEquals(first.body(), second.body(), name);
            assertEquals(first.headerNames(), second.headerNames(), name);
        }
    }
}
