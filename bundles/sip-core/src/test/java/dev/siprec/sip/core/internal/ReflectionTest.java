package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.codec.ParsedRequest;

/**
 * Issue 9 item 5, performed as attacks: a spoofed INVITE from a refused source must not earn a 100
 * and retransmitted finals, and an INVITE whose Contact names a third host, never ACKed, must not
 * make the server send its BYEs to that host.
 */
class ReflectionTest {

    private static final String SPOOFED = "203.0.113.9";
    private static final String VICTIM = "198.51.100.7";

    private static CoreHarness refusing(CoreSettings.RefusedResponse mode) {
        CoreSettings s = CoreSettings.defaults().with(mode, false, 2000, 60, CoreSettings.MAX_RETAINED_BYTES);
        CoreHarness c = new CoreHarness(s, true);
        c.handler.admission = flow -> flow.remote().getAddress().getHostAddress().equals(SPOOFED)
                ? Optional.of("source address not allowed to record") : Optional.empty();
        return c;
    }

    private static long sentTo(CoreHarness c, String host) {
        return c.udp.sent.stream().filter(s -> s.to().getAddress().getHostAddress().equals(host)).count();
    }

    @Test
    void spoofedInviteFromARefusedSourceEarnsOneStatelessForbiddenAndNothingElse() {
        CoreHarness c = refusing(CoreSettings.RefusedResponse.FORBIDDEN);
        String invite = request("INVITE", c.nextBranch(), "spoof-1", "ft", null, 1, SDP);
        c.udp.receive(SPOOFED, 5060, invite);
        c.timers.advance(64_000);
        assertEquals(1, c.udp.sent.size(), "one datagram for one spoofed INVITE: " + c.udp.sentTexts());
        assertEquals(403, c.last().statusCode());
        assertEquals(0, c.engine.transactions.size(), "no transaction state for a refused source");
        assertTrue(c.handler.requests.isEmpty(), "the handler never sees it");
        c.udp.receive(SPOOFED, 5060, invite); // its retransmission: again one answer, no more
        c.timers.advance(64_000);
        assertEquals(2, c.udp.sent.size());
        assertEquals(2, c.engine.refused.get());
    }

    @Test
    void refusedResponseNoneSendsNothingAtAll() {
        CoreHarness c = refusing(CoreSettings.RefusedResponse.NONE);
        c.udp.receive(SPOOFED, 5060, request("INVITE", c.nextBranch(), "spoof-2", "ft", null, 1, SDP));
        c.udp.receive(SPOOFED, 5060, request("OPTIONS", c.nextBranch(), "spoof-3", "ft", null, 1, null));
        c.udp.receive(SPOOFED, 5060, "INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.9;branch=z9hG4bKm\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: m\r\nCSeq: x INVITE\r\nContent-Length: 0\r\n\r\n");
        c.timers.advance(64_000);
        assertEquals(List.of(), c.udp.sentTexts());
    }

    @Test
    void allowedSourceStillGets100And200() {
        CoreHarness c = refusing(CoreSettings.RefusedResponse.FORBIDDEN);
        c.receive(request("INVITE", c.nextBranch(), "ok-1", "ft", null, 1, SDP));
        assertEquals(List.of(100, 200), c.statuses());
    }

    @Test
    void unAckedInviteWithAThirdPartyContactSendsNothingToThatHost() {
        CoreHarness c = new CoreHarness();
        c.receive(request("INVITE", c.nextBranch(), "reflect-1", "ft", null, 1, SDP)
                .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:victim@" + VICTIM + ":5060>"));
        c.timers.advance(64_000); // 2xx retransmissions, Timer L, then the BYE of §13.3.1.4
        c.timers.advance(64_000); // the BYE's own retransmissions
        List<ParsedRequest> sent = c.requestsSent();
        assertFalse(sent.isEmpty(), "the BYE of §13.3.1.4 was sent");
        assertEquals(1, sent.stream().map(r -> r.method() + r.topVia()).distinct().count(), "one BYE transaction");
        assertEquals("BYE", sent.get(0).method());
        assertEquals(0, sentTo(c, VICTIM), "nothing to the Contact's host: " + c.udp.sent);
        assertTrue(c.udp.sent.stream().allMatch(s -> s.to().equals(new InetSocketAddress("127.0.0.1", 5070))),
                "everything went back to the source of the INVITE");
    }

    @Test
    void overTcpAClosedConnectionIsReopenedToTheSourceAddressNeverToTheContactHost() {
        CoreHarness c = new CoreHarness();
        FakeTransport tcp = new FakeTransport("tcp", true, 5060);
        c.engine.attach(tcp);
        tcp.receive("127.0.0.1", 40001, request("INVITE", c.nextBranch(), "reflect-tcp", "ft", null, 1, SDP)
                .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:victim@" + VICTIM + ":5070;transport=tcp>"));
        tcp.conn("127.0.0.1", 40001).open = false; // the client hangs up its connection and never ACKs
        c.timers.advance(64_000); // Timer L: the BYE, whose connect runs off the timer thread
        InetSocketAddress back = new InetSocketAddress("127.0.0.1", 5070);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (tcp.sent.stream().noneMatch(s -> s.to().equals(back)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("/127.0.0.1:5070 " + VICTIM), tcp.connects, "one connect, to the INVITE's source address");
        assertTrue(tcp.sent.stream().anyMatch(s -> s.to().equals(back) && s.text().startsWith("BYE ")), "the BYE went there");
        assertTrue(tcp.sent.stream().noneMatch(s -> s.to().getAddress().getHostAddress().equals(VICTIM)));
    }

    @Test
    void routeToContactTrueSendsToTheContactAsRfc3261Says() {
        CoreSettings s = CoreSettings.defaults().with(CoreSettings.RefusedResponse.FORBIDDEN, true, 2000, 60,
                CoreSettings.MAX_RETAINED_BYTES);
        CoreHarness c = new CoreHarness(s, true);
        c.receive(request("INVITE", c.nextBranch(), "reflect-2", "ft", null, 1, SDP)
                .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:victim@" + VICTIM + ":5060>"));
        c.timers.advance(64_000);
        assertFalse(c.requestsSent().isEmpty());
        assertTrue(sentTo(c, VICTIM) >= 1, "opened up: the BYE follows the Contact");
    }
}
