package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets for the SIP parser, the stream framer and the multipart splitter (issue 9). Without
 * {@code JAZZER_FUZZ} they replay the seeds under {@code SipParserFuzzInputs/<method>/} as regression
 * tests; with it, they fuzz (docs/security.md). The only escape allowed is the declared
 * {@link SipSyntaxException} of the lazily parsed accessors; anything else, an OOM or a hang is a bug.
 */
class SipParserFuzz {
    private static final SipLimits LIMITS = SipLimits.defaults();
    private static final int[] CHUNKS = {1, 7, 64, 1500, 3};

    private final SipParser parser = new SipParser(LIMITS);
    private final MultipartParser multipart = new MultipartParser(LIMITS);

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        ParseResult result = parser.parse(input);
        if (result instanceof ParseResult.Failure f) {
            assertTrue(f.status() >= 400 && f.status() < 600, "status " + f.status());
            assertTrue(f.reason().indexOf('\r') < 0 && f.reason().indexOf('\n') < 0, "CR/LF in a reason phrase");
            if (f.partial() != null) {
                SipMessageBuilder.responseTo(f.partial(), f.status(), null).encode();
            }
            return;
        }
        ParsedMessage m = (ParsedMessage) ((ParseResult.Success) result).message();
        exercise(m);
        ParseResult again = parser.parse(m.encode());
        if (!(again instanceof ParseResult.Success s)) {
            throw new AssertionError("re-encoded message does not parse: " + again);
        }
        assertEquals(m.bodyLength(), ((ParsedMessage) s.message()).bodyLength());
    }

    @FuzzTest(maxDuration = "10m")
    void frame(byte[] stream) {
        StreamFramer framer = new StreamFramer(LIMITS);
        long[] total = new long[1];
        StreamFramer.Sink sink = new StreamFramer.Sink() {
            @Override
            public void message(byte[] message) {
                total[0] += message.length;
                assertTrue(message.length <= LIMITS.maxMessageBytes(), "message over the limit");
                parser.parse(message);
            }

            @Override
            public void keepAlive() {
            }

            @Override
            public void error(int status, String reason, byte[] partial) {
                assertTrue(status == 400 || status == 413 || status == 513, "status " + status);
            }
        };
        int p = 0;
        int k = 0;
        while (p < stream.length && !framer.failed()) {
            int n = Math.min(stream.length - p, CHUNKS[k++ % CHUNKS.length]);
            framer.feed(ByteBuffer.wrap(stream, p, n), sink);
            p += n;
        }
        assertTrue(total[0] <= stream.length, "framer produced more bytes than it was fed");
    }

    /** First line: the {@code Content-Type} value; the rest: the body. */
    @FuzzTest(maxDuration = "10m")
    void multipart(byte[] input) {
        int nl = 0;
        while (nl < input.length && input[nl] != '\n') {
            nl++;
        }
        String type = new String(input, 0, nl, StandardCharsets.ISO_8859_1);
        byte[] body = nl < input.length ? java.util.Arrays.copyOfRange(input, nl + 1, input.length) : new byte[0];
        try {
            for (BodyPart part : multipart.parse(type, body)) {
                part.mediaType();
                part.dispositionType();
            }
        } catch (SipSyntaxException expected) {
            // the declared parse error
        }
    }

    private void exercise(ParsedMessage m) {
        for (String name : m.headerNames()) {
            m.headers(name);
        }
        m.tolerated();
        syntax(m::vias);
        syntax(m::from);
        syntax(m::to);
        syntax(m::cseqHeader);
        syntax(m::contentTypeHeader);
        syntax(m::callId);
        if (m instanceof ParsedRequest req) {
            syntax(req::requestSipUri);
        }
        for (String name : new String[] {"Contact", "Route", "Record-Route"}) {
            syntax(() -> m.nameAddresses(name));
        }
        String se = m.header("Session-Expires");
        if (se != null) {
            syntax(() -> SessionExpires.parse(se));
        }
        String minSe = m.header("Min-SE");
        if (minSe != null) {
            syntax(() -> MinSe.parse(minSe));
        }
        String retry = m.header("Retry-After");
        if (retry != null) {
            syntax(() -> RetryAfter.parse(retry));
        }
        syntax(() -> m.contentTypeHeader().filter(ContentType::isMultipart)
                .map(ct -> multipart.parse(m)).orElse(null));
    }

    private static void syntax(java.util.function.Supplier<?> accessor) {
        try {
            accessor.get();
        } catch (SipSyntaxException expected) {
            // the declared outcome of a lazily parsed field
        }
    }
}
