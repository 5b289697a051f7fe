package dev.siprec.sip.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.core.internal.SipCore;
import dev.siprec.sip.core.internal.SipCoreConfig;

/** Malformed datagrams against the core on a real UDP socket: the right error or a silent drop, and service goes on. */
class UdpBadInputTest {

    private SipCore core;
    private UdpListener udp;
    private DatagramSocket client;

    @BeforeEach
    void start() throws Exception {
        core = new SipCore(Converters.standardConverter().convert(Map.of()).to(SipCoreConfig.class));
        udp = new UdpListener(UdpSettings.of("bad", "127.0.0.1", 0, 4000, 0), Clock.systemUTC());
        assertTrue(udp.open());
        core.addTransport(udp);
        core.addHandler(r -> r.respond(OutgoingResponse.of(200)), Map.of(SipRequestHandler.METHODS, "INVITE"));
        client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        client.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        client.close();
        core.deactivate();
        udp.close();
    }

    private String options(String callId, String extra, String contentLength) {
        return "OPTIONS sip:srs@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:srs@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\n" + extra + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private void send(byte[] b) throws Exception {
        client.send(new DatagramPacket(b, b.length, udp.localAddress()));
    }

    private String receive() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
        client.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private void assertStillServing(String id) throws Exception {
        send(options(id, "", "0").getBytes(StandardCharsets.US_ASCII));
        assertTrue(receive().startsWith("SIP/2.0 200 "));
    }

    @Test
    void bodyShorterThanContentLengthGets400() throws Exception {
        send(options("short", "Content-Type: application/sdp\r\n", "500").concat("v=0\r\n").getBytes(StandardCharsets.US_ASCII));
        String r = receive();
        assertTrue(r.startsWith("SIP/2.0 400 "), r);
        assertTrue(r.contains("Call-ID: short"), r);
        assertStillServing("after-short");
    }

    @Test
    void oversizedDatagramGets513() throws Exception {
        String big = options("big", "X-Pad: " + "p".repeat(5000) + "\r\n", "0");
        send(big.getBytes(StandardCharsets.US_ASCII));
        String r = receive();
        assertTrue(r.startsWith("SIP/2.0 513 "), r);
        assertStillServing("after-big");
    }

    @Test
    void binaryJunkIsDroppedSilently() throws Exception {
        byte[] junk = new byte[700];
        new Random(7).nextBytes(junk);
        send(junk);
        send("INVITE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertStillServing("after-junk");
        client.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, this::receive, "nothing else was answered");
    }

    @Test
    void headerInjectionThroughBareLfIsRejectedOrHarmless() throws Exception {
        String injected = options("inj", "Subject: hi\nVia: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bKevil\r\n", "0");
        send(injected.getBytes(StandardCharsets.US_ASCII));
        String r = receive();
        int status = Integer.parseInt(r.substring(8, 11));
        assertTrue(status == 200 || status == 400, r);
        assertTrue(r.startsWith("SIP/2.0"), r);
        assertStillServing("after-inj");
    }

    @Test
    void unsupportedVersionGets505() throws Exception {
        send(options("ver", "", "0").replace("OPTIONS sip:srs@127.0.0.1 SIP/2.0", "OPTIONS sip:srs@127.0.0.1 SIP/3.0")
                .getBytes(StandardCharsets.US_ASCII));
        String r = receive();
        assertEquals("SIP/2.0 505", r.substring(0, 11), r);
    }
}
