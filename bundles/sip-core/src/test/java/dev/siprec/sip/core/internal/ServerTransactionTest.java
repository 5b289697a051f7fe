package dev.siprec.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2 server transactions on a manual clock: every timer and every state. */
class ServerTransactionTest {

    private final ManualTimers timers = new ManualTimers();
    private final TimerSettings t = TimerSettings.DEFAULTS;
    private final List<Transaction> terminated = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private ServerInviteTransaction invite(FakeTransport transport) {
        return new ServerInviteTransaction(TransactionKey.server("z9hG4bK1", "h:5060", "INVITE", ""),
                transport.conn("127.0.0.1", 5070), timers, t, new ServerInviteTransaction.Listener() {
                    @Override public void terminated(Transaction tx) { terminated.add(tx); }
                    @Override public void noAckFor2xx(ServerInviteTransaction tx) { events.add("noAck2xx"); }
                    @Override public void noAckForFinal(ServerInviteTransaction tx) { events.add("timerH"); }
                });
    }

    private static byte[] b(String s) {
        return s.getBytes();
    }

    @Test
    void inviteProvisionalIsResentOnRetransmittedRequest() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerInviteTransaction tx = invite(udp);
        assertTrue(tx.respond(100, b("100")));
        tx.requestRetransmitted();
        assertEquals(List.of("100", "100"), udp.sentTexts());
        assertEquals(ServerInviteTransaction.State.PROCEEDING, tx.state());
    }

    @Test
    void inviteFinalErrorRetransmitsWithTimerGUntilTimerH() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerInviteTransaction tx = invite(udp);
        tx.respond(486, b("486"));
        assertEquals(ServerInviteTransaction.State.COMPLETED, tx.state());
        assertFalse(tx.respond(200, b("200")), "no second final response");
        // Timer G: 500, 1000, 2000, 4000, 4000, ... until Timer H at 32 s
        timers.advance(500);
        assertEquals(2, udp.sent.size());
        timers.advance(1000);
        assertEquals(3, udp.sent.size());
        timers.advance(2000);
        assertEquals(4, udp.sent.size());
        timers.advance(4000);
        assertEquals(5, udp.sent.size());
        timers.advance(4000);
        assertEquals(6, udp.sent.size());
        timers.advance(32_000 - 11_500 - 1);
        assertEquals(ServerInviteTransaction.State.COMPLETED, tx.state());
        int before = udp.sent.size();
        timers.advance(1);
        assertEquals(ServerInviteTransaction.State.TERMINATED, tx.state());
        assertEquals(List.of("timerH"), events);
        assertEquals(List.of(tx), terminated);
        timers.advance(60_000);
        assertEquals(before, udp.sent.size(), "nothing sent after Timer H");
        assertEquals(11, before, "G at 0.5,1.5,3.5,7.5,11.5,...,31.5 s plus the first send");
    }

    @Test
    void inviteAckMovesToConfirmedThenTimerITerminates() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerInviteTransaction tx = invite(udp);
        tx.respond(487, b("487"));
        tx.ackReceived();
        assertEquals(ServerInviteTransaction.State.CONFIRMED, tx.state());
        tx.requestRetransmitted();
        timers.advance(4999);
        assertEquals(1, udp.sent.size(), "no retransmission once confirmed");
        assertEquals(ServerInviteTransaction.State.CONFIRMED, tx.state());
        timers.advance(1);
        assertEquals(ServerInviteTransaction.State.TERMINATED, tx.state());
        assertEquals(List.of(), events, "Timer H cancelled");
    }

    @Test
    void inviteOverReliableTransportHasNoTimerGAndZeroTimerI() {
        FakeTransport tcp = new FakeTransport("t", true, 5060);
        ServerInviteTransaction tx = invite(tcp);
        tx.respond(480, b("480"));
        timers.advance(10_000);
        assertEquals(1, tcp.sent.size());
        tx.ackReceived();
        timers.advance(0);
        assertEquals(ServerInviteTransaction.State.TERMINATED, tx.state());
    }

    @Test
    void invite2xxIsRetransmittedUntilAckThenTimerLTerminates() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerInviteTransaction tx = invite(udp);
        tx.respond(100, b("100"));
        tx.respond(200, b("200"));
        assertEquals(ServerInviteTransaction.State.ACCEPTED, tx.state());
        timers.advance(500);
        timers.advance(1000);
        assertEquals(List.of("100", "200", "200", "200"), udp.sentTexts());
        tx.requestRetransmitted();
        assertEquals(4, udp.sent.size(), "retransmitted INVITE absorbed in Accepted (RFC 6026)");
        tx.ackFor2xxReceived();
        timers.advance(10_000);
        assertEquals(4, udp.sent.size());
        assertEquals(ServerInviteTransaction.State.ACCEPTED, tx.state());
        timers.advance(32_000 - 11_500);
        assertEquals(ServerInviteTransaction.State.TERMINATED, tx.state());
        assertEquals(List.of(), events);
    }

    @Test
    void invite2xxWithoutAckReportsAtTimerL() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerInviteTransaction tx = invite(udp);
        tx.respond(200, b("200"));
        timers.advance(31_999);
        assertEquals(ServerInviteTransaction.State.ACCEPTED, tx.state());
        // 2xx at 0, .5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5
        assertEquals(11, udp.sent.size());
        timers.advance(1);
        assertEquals(List.of("noAck2xx"), events);
        assertTrue(tx.isTerminated());
        assertEquals(1, terminated.size());
    }

    @Test
    void nonInviteCompletedResendsFinalAndTimerJTerminates() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerNonInviteTransaction tx = new ServerNonInviteTransaction(TransactionKey.server("z9hG4bK2", "h", "BYE", ""),
                udp.conn("127.0.0.1", 5070), timers, t, terminated::add);
        tx.requestRetransmitted();
        assertEquals(0, udp.sent.size(), "Trying absorbs retransmissions");
        tx.respond(200, b("200"));
        assertEquals(ServerNonInviteTransaction.State.COMPLETED, tx.state());
        tx.requestRetransmitted();
        assertEquals(2, udp.sent.size());
        assertFalse(tx.respond(500, b("500")));
        timers.advance(31_999);
        assertEquals(ServerNonInviteTransaction.State.COMPLETED, tx.state());
        timers.advance(1);
        assertEquals(ServerNonInviteTransaction.State.TERMINATED, tx.state());
        assertEquals(List.of(tx), terminated);
    }

    @Test
    void nonInviteProceedingResendsProvisional() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ServerNonInviteTransaction tx = new ServerNonInviteTransaction(TransactionKey.server("z9hG4bK2", "h", "INFO", ""),
                udp.conn("127.0.0.1", 5070), timers, t, terminated::add);
        tx.respond(180, b("180"));
        assertEquals(ServerNonInviteTransaction.State.PROCEEDING, tx.state());
        tx.requestRetransmitted();
        assertEquals(List.of("180", "180"), udp.sentTexts());
    }

    @Test
    void nonInviteReliableTimerJIsZero() {
        FakeTransport tcp = new FakeTransport("t", true, 5060);
        ServerNonInviteTransaction tx = new ServerNonInviteTransaction(TransactionKey.server("z9hG4bK2", "h", "BYE", ""),
                tcp.conn("127.0.0.1", 5070), timers, t, terminated::add);
        tx.respond(200, b("200"));
        timers.advance(0);
        assertTrue(tx.isTerminated());
    }

    @Test
    void keysFollowSection17_2_3() {
        TransactionKey invite = TransactionKey.server("z9hG4bKabc", "Host:5060", "INVITE", "x");
        assertEquals(invite, TransactionKey.server("z9hG4bKabc", "host:5060", "ACK", "y"), "ACK matches INVITE");
        assertFalse(invite.equals(TransactionKey.server("z9hG4bKabc", "host:5060", "CANCEL", "x")), "CANCEL is its own");
        assertFalse(invite.equals(TransactionKey.server("z9hG4bKabc", "other:5060", "INVITE", "x")), "sent-by counts");
        TransactionKey legacy = TransactionKey.server("1234", "host", "INVITE", "uri|ft|cid|1|via");
        assertFalse(legacy.rfc3261());
        assertEquals(legacy, TransactionKey.server(null, "other", "ACK", "uri|ft|cid|1|via"));
    }
}
