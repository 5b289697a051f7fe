package dev.siprec.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.SipResponse;

/** RFC 3261 §17.1 client transactions on a manual clock: Timers A, B, D, E, F, K and RFC 6026 M. */
class ClientTransactionTest {

    private final ManualTimers timers = new ManualTimers();
    private final List<Transaction> terminated = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final ClientListener listener = new ClientListener() {
        @Override public void response(SipResponse r) { events.add("r" + r.statusCode()); }
        @Override public void timeout() { events.add("timeout"); }
        @Override public void transportError() { events.add("transportError"); }
    };

    /** A response with a status code only: what a client transaction looks at. */
    private record Status(int statusCode) implements SipResponse {
        @Override public String reasonPhrase() { return ""; }
        @Override public String header(String name) { return null; }
        @Override public List<String> headers(String name) { return List.of(); }
        @Override public List<String> headerNames() { return List.of(); }
        @Override public byte[] body() { return new byte[0]; }
        @Override public Optional<String> contentType() { return Optional.empty(); }
        @Override public String callId() { return "c"; }
        @Override public long cseq() { return 1; }
        @Override public String cseqMethod() { return "INVITE"; }
        @Override public String fromTag() { return null; }
        @Override public String toTag() { return null; }
        @Override public byte[] encode() { return new byte[0]; }
    }

    private ClientNonInviteTransaction bye(FakeTransport tr) {
        return new ClientNonInviteTransaction(TransactionKey.client("z9hG4bKc", "BYE"), tr.conn("127.0.0.1", 5070),
                timers, TimerSettings.DEFAULTS, terminated::add, "BYE".getBytes(), listener);
    }

    private ClientInviteTransaction reinvite(FakeTransport tr) {
        return new ClientInviteTransaction(TransactionKey.client("z9hG4bKi", "INVITE"), tr.conn("127.0.0.1", 5070),
                timers, TimerSettings.DEFAULTS, terminated::add, "INVITE".getBytes(), r -> "ACK".getBytes(), listener);
    }

    @Test
    void nonInviteTimerERetransmitsUpToT2AndTimerFTimesOut() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ClientNonInviteTransaction tx = bye(udp);
        tx.start();
        // E at .5, 1.5, 3.5, 7.5, 11.5, ... 31.5 s -> 1 + 10 sends; F at 32 s
        timers.advance(31_999);
        assertEquals(11, udp.sent.size());
        assertEquals(List.of(), events);
        timers.advance(1);
        assertEquals(List.of("timeout"), events);
        assertEquals(ClientNonInviteTransaction.State.TERMINATED, tx.state());
        assertEquals(List.of(tx), terminated);
    }

    @Test
    void nonInviteProceedingRetransmitsEveryT2AndTimerKAfterFinal() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ClientNonInviteTransaction tx = bye(udp);
        tx.start();
        tx.responseReceived(new Status(100));
        assertEquals(ClientNonInviteTransaction.State.PROCEEDING, tx.state());
        timers.advance(500);
        assertEquals(2, udp.sent.size());
        timers.advance(4000);
        assertEquals(3, udp.sent.size(), "T2 interval in Proceeding");
        tx.responseReceived(new Status(200));
        tx.responseReceived(new Status(200));
        assertEquals(List.of("r100", "r200"), events, "retransmitted final absorbed");
        timers.advance(4999);
        assertEquals(ClientNonInviteTransaction.State.COMPLETED, tx.state());
        timers.advance(1);
        assertEquals(ClientNonInviteTransaction.State.TERMINATED, tx.state());
        assertEquals(3, udp.sent.size());
    }

    @Test
    void nonInviteReliableHasNoTimerE() {
        FakeTransport tcp = new FakeTransport("t", true, 5060);
        ClientNonInviteTransaction tx = bye(tcp);
        tx.start();
        timers.advance(20_000);
        assertEquals(1, tcp.sent.size());
        tx.responseReceived(new Status(481));
        timers.advance(0);
        assertTrue(tx.isTerminated());
    }

    @Test
    void sendFailureIsATransportError() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        udp.failSends = true;
        ClientNonInviteTransaction tx = bye(udp);
        tx.start();
        assertEquals(List.of("transportError"), events);
        assertTrue(tx.isTerminated());
    }

    @Test
    void inviteTimerADoublesAndTimerBTimesOut() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ClientInviteTransaction tx = reinvite(udp);
        tx.start();
        // A at .5, 1.5, 3.5, 7.5, 15.5, 31.5 s -> 7 sends; B at 32 s
        timers.advance(31_999);
        assertEquals(7, udp.sent.size());
        timers.advance(1);
        assertEquals(List.of("timeout"), events);
        assertTrue(tx.isTerminated());
    }

    @Test
    void inviteErrorIsAckedAndTimerDAbsorbsRetransmissions() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ClientInviteTransaction tx = reinvite(udp);
        tx.start();
        tx.responseReceived(new Status(180));
        timers.advance(5000);
        assertEquals(1, udp.sent.size(), "Timer A stops in Proceeding");
        tx.responseReceived(new Status(491));
        assertEquals(List.of("INVITE", "ACK"), udp.sentTexts());
        tx.responseReceived(new Status(491));
        assertEquals(List.of("INVITE", "ACK", "ACK"), udp.sentTexts());
        assertEquals(List.of("r180", "r491"), events);
        timers.advance(31_999);
        assertEquals(ClientInviteTransaction.State.COMPLETED, tx.state());
        timers.advance(1);
        assertTrue(tx.isTerminated());
    }

    @Test
    void invite2xxGoesToAcceptedAndRetransmitted2xxReachTheTuUntilTimerM() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        ClientInviteTransaction tx = reinvite(udp);
        tx.start();
        tx.responseReceived(new Status(200));
        tx.responseReceived(new Status(200));
        assertEquals(ClientInviteTransaction.State.ACCEPTED, tx.state());
        assertEquals(List.of("r200", "r200"), events, "TU re-ACKs each 2xx (RFC 6026 §8.4)");
        timers.advance(32_000);
        assertTrue(tx.isTerminated());
        assertEquals(1, udp.sent.size(), "the transaction itself never ACKs a 2xx");
    }
}
