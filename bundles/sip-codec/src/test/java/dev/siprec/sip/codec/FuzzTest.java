package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid messages (fixed seed, bounded iterations): the parser, the typed header
 * parsers, the multipart parser and the stream framer never throw anything but the documented
 * {@link SipSyntaxException}, and whatever parses re-encodes into something that parses again.
 */
class FuzzTest {
    private static final long SEED = 0x5195EC;
    private static final int ITERATIONS = 15_000;
    private static final byte[] INTERESTING = "\r\n:;,\"<>%@[] \t\\/=?&*0129zZ\u0000".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : new String[] {"wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq",
            "dblreq", "semiuri", "transports", "mpart01", "unreason", "noreason", "badinv01", "quotbal", "multi01"}) {
            seeds.add(Rfc4475.load(name));
        }
        seeds.add(TestMessages.siprecInvite());
        seeds.add(TestMessages.crlf(TestMessages.options()));
        return seeds;
    }

    static byte[] mutate(byte[] in, Random r) {
        byte[] m = in;
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds && m.length > 0; k++) {
            int at = r.nextInt(m.length);
            switch (r.nextInt(6)) {
                case 0 -> {
                    m = m.clone();
                    m[at] = (byte) r.nextInt(256);
                }
                case 1 -> {
                    byte[] n = new byte[m.length + 1];
                    System.arraycopy(m, 0, n, 0, at);
                    n[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                    System.arraycopy(m, at, n, at + 1, m.length - at);
                    m = n;
                }
                case 2 -> {
                    int len = Math.min(m.length - at, 1 + r.nextInt(40));
                    byte[] n = new byte[m.length - len];
                    System.arraycopy(m, 0, n, 0, at);
                    System.arraycopy(m, at + len, n, at, m.length - at - len);
                    m = n;
                }
                case 3 -> {
                    int len = Math.min(m.length - at, 1 + r.nextInt(200));
                    byte[] n = new byte[m.length + len];
                    System.arraycopy(m, 0, n, 0, at + len);
                    System.arraycopy(m, at, n, at + len, m.length - at);
                    m = n;
                }
                case 4 -> m = Arrays.copyOf(m, at);
                default -> {
                    m = m.clone();
                    m[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                }
            }
        }
        return m;
    }

    @Test
    void mutatedMessagesNeverEscapeTheParser() {
        SipParser parser = new SipParser(SipLimits.defaults());
        MultipartParser multipart = new MultipartParser(SipLimits.defaults());
        List<byte[]> seeds = seeds();
        Random r = new Random(SEED);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(r.nextInt(seeds.size())), r);
            ParseResult result = parser.parse(input);
            if (result instanceof ParseResult.Failure f) {
                rejected++;
                assertTrue(f.status() == 400 || f.status() == 413 || f.status() == 505 || f.status() == 513,
                        "status " + f.status());
                assertTrue(f.reason().indexOf('\r') < 0 && f.reason().indexOf('\n') < 0);
                if (f.partial() != null) {
                    SipMessageBuilder.responseTo(f.partial(), f.status(), null).encode();
                }
                continue;
            }
            accepted++;
            ParsedMessage m = (ParsedMessage) ((ParseResult.Success) result).message();
            exercise(m, multipart);
            ParseResult again = parser.parse(m.encode());
            ParsedMessage second = (ParsedMessage) assertInstanceOf(ParseResult.Success.class, again,
                    "re-encoded message failed to parse, iteration " + i).message();
            assertEquals(m.callId(), second.callId());
            assertEquals(m.bodyLength(), second.bodyLength());
        }
        assertTrue(accepted > ITERATIONS / 20, "mutations too destructive to test acceptance: " + accepted);
        assertTrue(rejected > ITERATIONS / 20, "mutations too gentle: " + rejected);
    }

    private static void exercise(ParsedMessage m, MultipartParser multipart) {
        for (String name : m.headerNames()) {
            m.headers(name);
            m.header(name);
        }
        m.vias();
        m.from();
        m.to();
        m.cseqHeader();
        m.contentType();
        if (m instanceof ParsedRequest req) {
            req.requestSipUri();
        }
        for (String name : new String[] {"Contact", "Route", "Record-Route"}) {
            try {
                m.nameAddresses(name);
            } catch (SipSyntaxException expected) {
                // a lazily parsed field may be malformed: the documented outcome
            }
        }
        for (String name : new String[] {"Session-Expires", "Min-SE", "Retry-After"}) {
            String v = m.header(name);
            try {
                if (v != null && name.equals("Session-Expires")) {
                    SessionExpires.parse(v);
                } else if (v != null && name.equals("Min-SE")) {
                    MinSe.parse(v);
                } else if (v != null) {
                    RetryAfter.parse(v);
                }
            } catch (SipSyntaxException expected) {
                // documented outcome
            }
        }
        try {
            m.contentTypeHeader().filter(ContentType::isMultipart).ifPresent(ct -> multipart.parse(ct, m.body()));
        } catch (SipSyntaxException expected) {
            // documented outcome
        }
    }

    @Test
    void mutatedStreamsNeverEscapeTheFramer() {
        List<byte[]> seeds = seeds();
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 3_000; i++) {
            byte[] stream = new byte[0];
            for (int k = 0; k < 3; k++) {
                byte[] piece = r.nextBoolean() ? seeds.get(r.nextInt(seeds.size())) : mutate(seeds.get(r.nextInt(
                        seeds.size())), r);
                byte[] n = Arrays.copyOf(stream, stream.length + piece.length);
                System.arraycopy(piece, 0, n, stream.length, piece.length);
                stream = n;
            }
            StreamFramer framer = new StreamFramer(SipLimits.defaults());
            StreamFramerTest.Recorder sink = new StreamFramerTest.Recorder();
            int p = 0;
            while (p < stream.length && !framer.failed()) {
                int n = Math.min(stream.length - p, 1 + r.nextInt(1500));
                framer.feed(ByteBuffer.wrap(stream, p, n), sink);
                p += n;
            }
            int total = sink.messages.stream().mapToInt(b -> b.length).sum();
            assertTrue(total <= stream.length);
        }
    }

    /** Typed header parsers on random and mutated values: only {@link SipSyntaxException} may escape. */
    @Test
    void typedParsersOnlyThrowSyntaxExceptions() {
        String[] seeds = {"\"A \\\"B\\\"\" <sip:a:pw@[2001:db8::1]:5061;transport=tls;lr?h=v&x=%20>;tag=1;q=0.5",
            "SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1;rport=5;received=1.2.3.4;ttl=3", "4711 INVITE",
            "multipart/mixed;boundary=\"a b\";charset=utf-8", "1800;refresher=uac", "120 (comment (nested));duration=9",
            "tel:+1-555-0100;phone-context=example.com", "sips:%41@h.example.com.;maddr=239.0.0.1", ";a=1;b;c=\"q\""};
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 8_000; i++) {
            String seed = seeds[r.nextInt(seeds.length)];
            String v = new String(mutate(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8), r),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int k = 0; k < 9; k++) {
                try {
                    switch (k) {
                        case 0 -> NameAddress.parse(v).toString();
                        case 1 -> Via.parse(v).withReceived("192.0.2.1").toString();
                        case 2 -> CSeq.parse(v);
                        case 3 -> ContentType.parse(v).boundary();
                        case 4 -> SessionExpires.parse(v);
                        case 5 -> RetryAfter.parse(v).duration();
                        case 6 -> SipUri.parse(v).withParam("x", "y z").equivalent(SipUri.parse(seeds[6]));
                        case 7 -> Parameters.parse(v).get("a");
                        default -> MinSe.parse(v);
                    }
                } catch (SipSyntaxException expected) {
                    // the documented outcome for bad input
                }
            }
        }
    }
}
