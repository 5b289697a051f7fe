package dev.siprec.sip.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipRequestHandler;
import dev.siprec.sip.core.internal.SipCore;
import dev.siprec.sip.core.internal.SipCoreConfig;

/**
 * SIPp as a UAC over UDP ({@code -t u1}) against the real SIP core on a real UDP listener:
 * OPTIONS, INVITE/ACK/BYE, CANCEL, and the 2xx retransmission until ACK.
 */
class SippUdpEndToEndTest {

    /** Test UAS: INVITE answered 200 with a minimal SDP unless the Request-URI user is {@code hold}; BYE 200. */
    static final class Uas implements SipRequestHandler {
        final AtomicInteger invites = new AtomicInteger();
        final AtomicInteger byes = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        volatile ServerRequest lastInvite;

        @Override
        public void handle(ServerRequest r) {
            switch (r.request().method()) {
                case "INVITE" -> {
                    invites.incrementAndGet();
                    lastInvite = r;
                    if (r.request().requestUri().startsWith("sip:hold@")) {
                        r.onCancel(cancelled::incrementAndGet);
                        return;
                    }
                    String sdp = "v=0\r\no=srs 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=recvonly\r\n";
                    r.respond(new OutgoingResponse(200, null, List.of(), "application/sdp", sdp.getBytes(StandardCharsets.US_ASCII)));
                }
                case "BYE" -> {
                    byes.incrementAndGet();
                    r.respond(OutgoingResponse.of(200));
                }
                default -> r.respond(OutgoingResponse.of(200));
            }
        }
    }

    @TempDir
    Path work;
    private SipCore core;
    private UdpListener udp;
    private final Uas uas = new Uas();

    @BeforeEach
    void start() {
        core = new SipCore(Converters.standardConverter().convert(Map.of("t1.ms", 500)).to(SipCoreConfig.class));
        udp = new UdpListener(UdpSettings.of("e2e", "127.0.0.1", 0, UdpSettings.MAX_DATAGRAM, 0), Clock.systemUTC());
        assertTrue(udp.open(), () -> udp.status().reason());
        core.addTransport(udp);
        core.addHandler(uas, Map.of(SipRequestHandler.OPTION_TAGS, new String[] {"siprec", "timer"},
                SipRequestHandler.METHODS, new String[] {"INVITE", "BYE"},
                SipRequestHandler.ACCEPT, new String[] {"application/sdp", "multipart/mixed"}));
    }

    @AfterEach
    void stop() {
        core.deactivate();
        udp.close();
    }

    @Test
    void optionsPing() throws Exception {
        Sipp.Run run = Sipp.run(work, "options.xml", 3, "srs", udp.localAddress());
        assertEquals(0, run.exitCode(), run::report);
        assertEquals(3, udp.status().received());
    }

    @Test
    void inviteAckByeOverIpv6() throws Exception {
        UdpListener v6 = new UdpListener(UdpSettings.of("e2e-v6", "::1", 0, UdpSettings.MAX_DATAGRAM, 0), Clock.systemUTC());
        assertTrue(v6.open(), () -> v6.status().reason());
        core.addTransport(v6);
        try {
            Sipp.Run run = Sipp.run(work, "invite-bye.xml", 1, "srs", v6.localAddress(), "::1");
            assertEquals(0, run.exitCode(), run::report);
            assertEquals(1, uas.byes.get());
            assertTrue(run.messages().contains("Contact: <sip:[::1]:" + v6.localAddress().getPort() + ">"), run::report);
        } finally {
            core.removeTransport(v6);
            v6.close();
        }
    }

    @Test
    void inviteAckBye() throws Exception {
        Sipp.Run run = Sipp.run(work, "invite-bye.xml", 3, "srs", udp.localAddress());
        assertEquals(0, run.exitCode(), run::report);
        assertEquals(3, uas.invites.get());
        assertEquals(3, uas.byes.get());
        assertTrue(core.dialogs().isEmpty(), "every dialog ended with its BYE");
    }

    @Test
    void siprecInviteOfThreeKilobytesArrivesAsOneDatagram() throws Exception {
        Sipp.Run run = Sipp.run(work, "siprec-invite.xml", 1, "srs", udp.localAddress());
        assertEquals(0, run.exitCode(), run::report);
        ServerRequest invite = uas.lastInvite;
        assertEquals("multipart/mixed", invite.request().contentType().orElseThrow());
        String body = new String(invite.request().body(), StandardCharsets.UTF_8);
        assertTrue(invite.request().encode().length > 3000, "message of " + invite.request().encode().length + " bytes");
        assertTrue(body.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80") && body.contains("</recording>"), body);
        assertTrue(body.endsWith("--foobar-boundary-7866--\r\n") || body.endsWith("--foobar-boundary-7866--"), "body cut: " + body);
        assertEquals(1, uas.byes.get());
    }

    @Test
    void cancel() throws Exception {
        Sipp.Run run = Sipp.run(work, "cancel.xml", 2, "hold", udp.localAddress());
        assertEquals(0, run.exitCode(), run::report);
        assertEquals(2, uas.cancelled.get(), "onCancel fired for each call");
        assertTrue(core.dialogs().isEmpty());
    }

    @Test
    void the2xxIsRetransmittedUntilTheAck() throws Exception {
        Sipp.Run run = Sipp.run(work, "retransmit-2xx.xml", 1, "srs", udp.localAddress());
        assertEquals(0, run.exitCode(), run::report);
        // SIPp holds the ACK back for 1.8 s: the 200 comes at 0, T1 (0.5 s) and 3*T1 (1.5 s); at least
        // the first retransmission must have arrived whatever the machine's load.
        int received200 = countReceived(run.messages(), "SIP/2.0 200", "CSeq: 1 INVITE");
        assertTrue(received200 >= 2, "200 OK received " + received200 + " times\n" + run.report());
        assertTrue(core.dialogs().isEmpty());
    }

    @Test
    void countReceivedReadsSippsMessageLog() {
        String sent = "----------------------------------------------- 2026-11-27 20:36:39.192370\n"
                + "UDP message sent (299 bytes):\n\nINVITE sip:srs@127.0.0.1 SIP/2.0\nCSeq: 1 INVITE\n\n";
        String got = "----------------------------------------------- 2026-11-27 20:36:39.242934\n"
                + "UDP message received [396] bytes :\n\nSIP/2.0 200 OK\nCSeq: 1 INVITE\n\n";
        String other = "----------------------------------------------- 2026-11-27 20:36:40.0\n"
                + "UDP message received [300] bytes :\n\nSIP/2.0 200 OK\nCSeq: 2 BYE\n\n";
        assertEquals(0, countReceived(sent, "SIP/2.0 200", "CSeq: 1 INVITE"));
        assertEquals(2, countReceived(sent + got + other + got, "SIP/2.0 200", "CSeq: 1 INVITE"));
    }

    /** Counts the messages SIPp logged as received that contain both markers. */
    static int countReceived(String log, String startLine, String marker) {
        Matcher m = Pattern.compile("message received \\[\\d+\\] bytes :\\s*\\n(.*?)(?=\\n-{5,}|\\z)", Pattern.DOTALL).matcher(log);
        int n = 0;
        while (m.find()) {
            String msg = m.group(1);
            if (msg.contains(startLine) && msg.contains(marker)) {
                n++;
            }
        }
        return n;
    }
}
