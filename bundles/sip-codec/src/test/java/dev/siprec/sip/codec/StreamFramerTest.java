package dev.siprec.sip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StreamFramerTest {

    /** Records what the framer reports, in order. */
    static final class Recorder implements StreamFramer.Sink {
        final List<byte[]> messages = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        int status;
        byte[] partial;

        @Override
        public void message(byte[] message) {
            messages.add(message);
            events.add("message");
        }

        @Override
        public void keepAlive() {
            events.add("ping");
        }

        @Override
        public void error(int status, String reason, byte[] partial) {
            this.status = status;
            this.partial = partial;
            events.add("error " + status + " " + reason);
        }
    }

    private static byte[] withBody(String body) {
        return TestMessages.crlf(TestMessages.options().replace("Content-Length: 0",
                "Content-Length: " + body.length()) + body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    @Test
    void severalMessagesAndPingsInOneRead() {
        byte[] a = withBody("hello");
        byte[] b = TestMessages.siprecInvite();
        byte[] stream = concat(CRLF, CRLF, a, CRLF, b, CRLF, CRLF, CRLF);
        Recorder r = new Recorder();
        StreamFramer framer = new StreamFramer(SipLimits.defaults());
        framer.feed(ByteBuffer.wrap(stream), r);
        assertEquals(List.of("ping", "message", "message", "ping"), r.events);
        assertArrayEquals(a, r.messages.get(0));
        assertArrayEquals(b, r.messages.get(1));
        assertFalse(framer.inMessage());
        Recorder more = new Recorder();
        framer.feed(ByteBuffer.wrap(CRLF), more);
        assertEquals(List.of("ping"), more.events, "the lone CRLF left over pairs with the next one");
    }

    @Test
    void byteByByteAndRandomChunksGiveTheSameMessages() {
        byte[] a = withBody("hello");
        byte[] b = TestMessages.siprecInvite();
        byte[] stream = concat(a, b, CRLF, CRLF, a);
        Random random = new Random(4475);
        for (int round = 0; round < 50; round++) {
            Recorder r = new Recorder();
            StreamFramer framer = new StreamFramer(SipLimits.defaults());
            int p = 0;
            while (p < stream.length) {
                int n = round == 0 ? 1 : 1 + random.nextInt(700);
                n = Math.min(n, stream.length - p);
                ByteBuffer chunk = ByteBuffer.wrap(stream, p, n);
                framer.feed(chunk, r);
                assertFalse(chunk.hasRemaining());
                p += n;
            }
            assertEquals(List.of("message", "message", "ping", "message"), r.events);
            assertArrayEquals(b, r.messages.get(1));
            assertArrayEquals(a, r.messages.get(2));
        }
    }

    @Test
    void framedMessagesParse() {
        Recorder r = new Recorder();
        new StreamFramer(SipLimits.defaults()).feed(ByteBuffer.wrap(concat(TestMessages.siprecInvite(),
                withBody("x"))), r);
        SipParser parser = new SipParser(SipLimits.defaults());
        for (byte[] m : r.messages) {
            assertTrue(parser.parse(m) instanceof ParseResult.Success);
        }
    }

    @Test
    void compactFoldedAndPaddedContentLength() {
        String msg = TestMessages.options().replace("Content-Length: 0\n", "l :\n    3  \n") + "abc";
        Recorder r = new Recorder();
        new StreamFramer(SipLimits.defaults()).feed(ByteBuffer.wrap(TestMessages.crlf(msg)), r);
        assertEquals(List.of("message"), r.events);
        assertTrue(new String(r.messages.get(0), StandardCharsets.US_ASCII).endsWith("\r\n\r\nabc"));
        Recorder lf = new Recorder();
        new StreamFramer(SipLimits.defaults()).feed(ByteBuffer.wrap(
                TestMessages.options().replace("Content-Length: 0", "Content-Length: 2").concat("hi")
                        .getBytes(StandardCharsets.US_ASCII)), lf);
        assertEquals(List.of("message"), lf.events, "bare LF line ends frame too");
    }

    @Test
    void missingOrBadContentLengthIsFatal() {
        Recorder r = new Recorder();
        StreamFramer framer = new StreamFramer(SipLimits.defaults());
        framer.feed(ByteBuffer.wrap(TestMessages.crlf(TestMessages.options().replace("Content-Length: 0\n", ""))), r);
        assertEquals(400, r.status);
        assertTrue(r.events.get(0).contains("Missing Content-Length"));
        assertTrue(new String(r.partial, StandardCharsets.US_ASCII).startsWith("OPTIONS sip:srs@192.0.2.20"));
        assertTrue(framer.failed());
        assertThrows(IllegalStateException.class, () -> framer.feed(ByteBuffer.wrap(CRLF), r));
        for (String bad : new String[] {"-1", "abc", "1 1", "0x1"}) {
            Recorder rb = new Recorder();
            new StreamFramer(SipLimits.defaults()).feed(ByteBuffer.wrap(TestMessages.crlf(TestMessages.options()
                    .replace("Content-Length: 0", "Content-Length: " + bad))), rb);
            assertEquals(400, rb.status, bad);
        }
        Recorder conflict = new Recorder();
        new StreamFramer(SipLimits.defaults()).feed(ByteBuffer.wrap(TestMessages.crlf(TestMessages.options()
                .replace("Content-Length: 0", "Content-Length: 0\nl: 4"))), conflict);
        assertEquals(400, conflict.status);
    }

    @Test
    void oversizedHeaderSectionAndBody() {
        SipLimits limits = new SipLimits(4096, 1024, 64, 512, 4);
        Recorder header = new Recorder();
        ByteBuffer junk = ByteBuffer.wrap(new byte[5000]);
        junk.put(0, (byte) 'I');
        new StreamFramer(limits).feed(junk, header);
        assertEquals(513, header.status);
        assertEquals(1024, header.partial.length);
        assertTrue(junk.hasRemaining(), "nothing is consumed after the error");
        Recorder body = new Recorder();
        new StreamFramer(limits).feed(ByteBuffer.wrap(TestMessages.crlf(TestMessages.options()
                .replace("Content-Length: 0", "Content-Length: 4000"))), body);
        assertEquals(413, body.status);
        Recorder huge = new Recorder();
        new StreamFramer(limits).feed(ByteBuffer.wrap(TestMessages.crlf(TestMessages.options()
                .replace("Content-Length: 0", "Content-Length: 99999999999999999999999"))), huge);
        assertEquals(413, huge.status);
    }

    @Test
    void partialMessageIsBufferedUntilComplete() {
        byte[] a = withBody("0123456789");
        Recorder r = new Recorder();
        StreamFramer framer = new StreamFramer(SipLimits.defaults());
        framer.feed(ByteBuffer.wrap(a, 0, a.length - 3), r);
        assertTrue(r.events.isEmpty());
        assertTrue(framer.inMessage());
        framer.feed(ByteBuffer.wrap(a, a.length - 3, 3), r);
        assertEquals(List.of("message"), r.events);
        assertFalse(framer.inMessage());
    }

    @Test
    void directBuffersWork() {
        byte[] a = withBody("direct");
        ByteBuffer direct = ByteBuffer.allocateDirect(a.length);
        direct.put(a).flip();
        Recorder r = new Recorder();
        new StreamFramer(SipLimits.defaults()).feed(direct, r);
        assertArrayEquals(a, r.messages.get(0));
    }
}
