package dev.siprec.sip.transport.tcp.internal;

import dev.siprec.testing.AnsweringInbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.transport.stream.LayerFactory;
import dev.siprec.sip.transport.stream.StreamListener;

/**
 * A corpus of malformed input over TCP: each gets an error answer from the (fixture) core and a
 * closed connection, or is closed by a timeout, while a well-behaved client on another connection
 * keeps being served.
 */
class TcpBadInputTest {
    private static final String O = TcpListenerTest.OPTIONS;
    private static AnsweringInbound inbound;
    private static StreamListener listener;

    @BeforeAll
    static void start() {
        inbound = new AnsweringInbound();
        TcpTransportComponent.Config c = Converters.standardConverter().convert(TcpListenerTest.config(
                "max.message.bytes", 8192, "slow.sender.message.timeout.seconds", 1,
                "handshake.timeout.seconds", 2)).to(TcpTransportComponent.Config.class);
        listener = new StreamListener("TCP", false, TcpTransportComponent.settings(c, "bad"), LayerFactory.PLAIN);
        assertTrue(listener.start());
        listener.attach(inbound);
    }

    @AfterAll
    static void stop() {
        listener.close();
    }

    static Stream<Arguments> corpus() {
        byte[] junk = new byte[10000];
        new Random(1).nextBytes(junk);
        byte[] nul = (O.substring(0, 30) + "\0\0\0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("missing Content-Length", b(O.replace("Content-Length: 0\r\n", "")), true),
                Arguments.of("negative Content-Length", b(O.replace("Content-Length: 0", "Content-Length: -1")), true),
                Arguments.of("Content-Length not a number", b(O.replace("Content-Length: 0", "l: 1x")), true),
                Arguments.of("two Content-Length values", b(O.replace("Content-Length: 0", "Content-Length: 0, 10")), true),
                Arguments.of("body larger than allowed", b(O.replace("Content-Length: 0", "Content-Length: 9000")), true),
                Arguments.of("huge Content-Length", b(O.replace("Content-Length: 0", "Content-Length: 99999999999999999999")), true),
                Arguments.of("header section too large", b("INVITE sip:a@b SIP/2.0\r\nX: " + "a".repeat(9000) + "\r\n\r\n"), true),
                Arguments.of("binary junk", junk, true),
                Arguments.of("NUL bytes in the header section", nul, true),
                Arguments.of("truncated message (slow sender)", b(O.substring(0, O.length() - 10)), false),
                Arguments.of("truncated body (slow sender)", b(O.replace("Content-Length: 0", "Content-Length: 50") + "abc"), false));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputIsAnsweredOrClosedAndOthersAreServed(String what, byte[] input, boolean framingError) throws Exception {
        inbound.errors.clear();
        try (TestPeer good = new TestPeer(listener.localAddress()); TestPeer bad = new TestPeer(listener.localAddress())) {
            good.send(O);
            assertEquals(AnsweringInbound.OK, good.readResponse());
            try {
                bad.send(input);
            } catch (IOException e) {
                // closed while sending: fine
            }
            if (framingError) {
                AnsweringInbound.Framing f = inbound.errors.poll(15, TimeUnit.SECONDS);
                assertTrue(f != null, what + ": no framing error reported");
            }
            assertTrue(bad.closedWithin(10000), what + ": connection not closed");
            good.send(O);
            assertEquals(AnsweringInbound.OK, good.readResponse(), what + ": the good client is no longer served");
        }
        assertEquals(ListenerStatus.State.LISTENING, listener.status().state());
    }
}
