package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 4475 §3.1.2 (invalid messages) and the §3.3 messages whose error a parser detects. Each row
 * names the message, the status the stack answers with, a fragment of the reason, and whether enough
 * of a request survived to build that answer (RFC 3261 §8.2.6.2); a response is never answered.
 */
class Rfc4475InvalidTest {
    private final SipParser parser = new SipParser(SipLimits.defaults());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // §3.1.2.1 badinv01: empty Via/Contact parameters between ; and , -> 400.
        "badinv01   | 400 | Malformed Via              | true",
        // §3.1.2.2 clerr: Content-Length larger than the datagram's body -> 400 over UDP.
        "clerr      | 400 | Content-Length exceeds     | true",
        // §3.1.2.3 ncl: negative Content-Length -> error; the rest of the datagram is discarded.
        "ncl        | 400 | Invalid Content-Length     | true",
        // §3.1.2.4 scalar02: CSeq above 2^31-1 -> 400 (Max-Forwards 300 and huge Expires alone would be tolerated).
        "scalar02   | 400 | CSeq: number out of range  | true",
        // §3.1.2.5 scalarlg: a response with an oversized CSeq is discarded (no answer to a response).
        "scalarlg   | 400 | CSeq: number out of range  | false",
        // §3.1.2.6 quotbal: unterminated quoted display name -> 400.
        "quotbal    | 400 | unterminated quoted string | true",
        // §3.1.2.7 ltgtruri: Request-URI in <> -> 400.
        "ltgtruri   | 400 | Malformed Request-URI      | true",
        // §3.1.2.8 lwsruri: LWS inside the Request-URI -> 400.
        "lwsruri    | 400 | Malformed SIP-Version      | true",
        // §3.1.2.9 lwsstart: several SP between Request-Line elements; rejecting is acceptable.
        "lwsstart   | 400 | Malformed                  | true",
        // §3.1.2.10 trws: SP after the SIP-Version; rejecting is acceptable.
        "trws       | 400 | Malformed Request-Line     | true",
        // §3.1.2.11 escruri: escaped headers in the Request-URI -> 400 is acceptable.
        "escruri    | 400 | must not contain headers   | true",
        // §3.1.2.13 regbadct: URI with headers in addr-spec form (no <>) -> 400.
        "regbadct   | 400 | must be enclosed in <>     | true",
        // §3.1.2.14 badaspec: spaces inside <> around the URI -> 400.
        "badaspec   | 400 | invalid URI                | true",
        // §3.1.2.15 baddn: unquoted display names with non-token characters -> 400.
        "baddn      | 400 | Malformed name-addr        | true",
        // §3.1.2.16 badvers: SIP/7.0 -> 505 Version Not Supported.
        "badvers    | 505 | Version Not Supported      | true",
        // §3.1.2.17 mismatch01: CSeq method differs from the request method -> 400.
        "mismatch01 | 400 | CSeq method does not match | true",
        // §3.1.2.18 mismatch02: unknown method with a mismatching CSeq; 400 is acceptable (501 preferred by proxies).
        "mismatch02 | 400 | CSeq method does not match | true",
        // §3.1.2.19 bigcode: status code above 699 -> the response is dropped.
        "bigcode    | 400 | Malformed Status-Line      | false",
        // §3.3.5 insuf: missing Call-ID, From, To -> 400.
        "insuf      | 400 | Missing From               | true",
        // §3.3.10 mcl01: two different Content-Length values -> 400 (the framing is unknowable).
        "mcl01      | 400 | Conflicting Content-Length | true",
        // §3.3.11 multi01: several values of single-value fields (CSeq, Call-ID, To, From, Max-Forwards) -> 400.
        "multi01    | 400 | Multiple                   | true",
    })
    void rejected(String name, int status, String reason, boolean answerable) {
        ParseResult r = parser.parse(Rfc4475.load(name));
        ParseResult.Failure f = assertInstanceOf(ParseResult.Failure.class, r, name);
        assertEquals(status, f.status(), name + ": " + f.reason());
        assertTrue(f.reason().contains(reason), name + ": reason was '" + f.reason() + "'");
        if (answerable) {
            assertNotNull(f.partial(), name + ": nothing salvaged to answer with");
        } else {
            assertNull(f.partial(), name + ": a response must not be answered");
        }
    }

    /** The salvaged request carries what a 400 needs: Via, From, To, Call-ID, CSeq as sent. */
    @Test
    void partialRequestCarriesResponseHeaders() {
        ParseResult.Failure f = (ParseResult.Failure) parser.parse(Rfc4475.load("mismatch01"));
        ParsedRequest p = f.partial();
        assertEquals("OPTIONS", p.method());
        assertEquals("sip:user@example.com", p.requestUri());
        assertEquals("SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw", p.topVia());
        assertEquals("mismatch01.dj0234sxdfl3", p.callId());
        assertEquals("sip:caller@example.net;tag=34525", p.header("From"));
        assertEquals("sip:j.user@example.com", p.header("To"));
        assertEquals("8 INVITE", p.header("CSeq"));
        assertEquals(0, p.headers("Max-Forwards").size(), "only the fields a response copies are salvaged");
        byte[] answer = SipMessageBuilder.responseTo(p, f.status(), f.reason()).toTag("x1").encode();
        ParsedResponse resp = (ParsedResponse) ((ParseResult.Success) parser.parse(answer)).message();
        assertEquals(400, resp.statusCode());
        assertEquals("x1", resp.toTag());
        assertEquals("z9hG4bKkdjuw", resp.via().branch());
    }

    /** A 400 can be built for every answerable torture message, even when its To does not parse. */
    @Test
    void errorResponsesCanAlwaysBeBuilt() {
        for (String name : new String[] {"quotbal", "badaspec", "baddn", "badinv01", "ltgtruri", "insuf"}) {
            ParseResult.Failure f = (ParseResult.Failure) parser.parse(Rfc4475.load(name));
            SipMessageBuilder b = SipMessageBuilder.responseTo(f.partial(), f.status(), f.reason());
            if (f.partial().header("To") != null) {
                b.toTag("err1");
            }
            byte[] wire = b.encode();
            String text = new String(wire, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.startsWith("SIP/2.0 400 "), name + ": " + text);
            assertTrue(text.endsWith("Content-Length: 0\r\n\r\n"), name);
        }
    }

    /** §3.1.2.16: the 505 partial keeps the request line so the core can answer. */
    @Test
    void badVersionIsAnswerable() {
        ParseResult.Failure f = (ParseResult.Failure) parser.parse(Rfc4475.load("badvers"));
        assertEquals("OPTIONS", f.partial().method());
        assertEquals("badvers.31417@c.example.com", f.partial().callId());
    }

    /** §3.1.2.4: the out-of-range Expires and Max-Forwards alone would not make the request fail. */
    @Test
    void scalarFieldsOtherThanCSeqAreTolerated() {
        String text = new String(Rfc4475.load("scalar02"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("36893488147419103232", "1");
        ParsedRequest m = (ParsedRequest) assertInstanceOf(ParseResult.Success.class,
                parser.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).message();
        assertEquals("300", m.header("Max-Forwards"));
        assertThrows(SipSyntaxException.class, () -> CSeq.parse("36893488147419103232 REGISTER"));
    }
}
