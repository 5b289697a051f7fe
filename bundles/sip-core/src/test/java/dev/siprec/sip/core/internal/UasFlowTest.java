package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.codec.ParsedResponse;

/** INVITE/ACK/BYE, CANCEL, OPTIONS and retransmissions through the engine (RFC 3261 §13, §9, §11, §15). */
class UasFlowTest {

    private final CoreHarness c = new CoreHarness();

    @Test
    void inviteGets100Then200WithDialogAndRetransmitsUntilAck() {
        String b = c.nextBranch();
        c.receive(request("INVITE", b, "call-1", "ft", null, 1, SDP, "Record-Route: <sip:proxy.example;lr>"));
        assertEquals(List.of(100, 200), c.statuses());
        ParsedResponse trying = c.responses().get(0);
        assertNull(trying.toTag(), "no To tag on 100 (§8.2.6.2)");
        ParsedResponse ok = c.last();
        assertNotNull(ok.toTag());
        assertTrue(ok.toTag().length() >= 8, "To tag carries at least 32 random bits");
        assertEquals("<sip:proxy.example;lr>", ok.header("Record-Route"));
        assertEquals("<sip:127.0.0.1:5060>", ok.header("Contact"));
        assertEquals("application/sdp", ok.contentType().orElseThrow());
        assertEquals(1, c.engine.dialogs().size());
        Dialog d = c.engine.dialogs().all().iterator().next();
        assertEquals("call-1", d.callId());
        assertEquals(ok.toTag(), d.localTag());
        assertEquals("ft", d.remoteTag());
        assertTrue(c.handler.requests.get(0).dialog().isPresent(), "the 2xx created the dialog");

        c.timers.advance(500);
        assertEquals(List.of(100, 200, 200), c.statuses(), "2xx retransmitted after T1");
        c.receive(request("INVITE", b, "call-1", "ft", null, 1, SDP));
        assertEquals(3, c.statuses().size(), "INVITE retransmission absorbed once accepted");
        c.receive(request("ACK", c.nextBranch(), "call-1", "ft", ok.toTag(), 1, null));
        c.timers.advance(60_000);
        assertEquals(3, c.statuses().size(), "no retransmission after ACK");
        assertEquals(1, c.engine.dialogs().size());
        assertEquals(List.of(), c.handler.terminated);
    }

    @Test
    void byeEndsTheDialogAndIsAnswered200() {
        String tag = c.establish("call-2");
        c.receive(request("BYE", c.nextBranch(), "call-2", "ft-call-2", tag, 2, null));
        assertEquals(200, c.last().statusCode());
        assertEquals("BYE", c.last().cseqMethod());
        assertEquals(0, c.engine.dialogs().size());
        assertEquals(List.of(), c.handler.terminated, "the handler saw the BYE itself");
    }

    @Test
    void byeForAnUnknownDialogGets481() {
        c.receive(request("BYE", c.nextBranch(), "nope", "x", "y", 2, null));
        assertEquals(List.of(481), c.statuses());
    }

    @Test
    void retransmittedByeGetsTheSameResponse() {
        String tag = c.establish("call-3");
        String b = c.nextBranch();
        int before = c.statuses().size();
        c.receive(request("BYE", b, "call-3", "ft-call-3", tag, 2, null));
        c.receive(request("BYE", b, "call-3", "ft-call-3", tag, 2, null));
        assertEquals(List.of(200, 200), c.statuses().subList(before, before + 2));
        assertEquals(1, c.handler.requests.stream().filter(r -> r.request().method().equals("BYE")).count());
    }

    @Test
    void cancelAnswers200And487AndFiresOnCancel() {
        AtomicBoolean fired = new AtomicBoolean();
        ServerRequest[] held = new ServerRequest[1];
        c.handler.onInvite = r -> {
            held[0] = r;
            r.onCancel(() -> fired.set(true));
        };
        String b = c.nextBranch();
        c.receive(request("INVITE", b, "call-4", "ft", null, 1, SDP));
        c.receive(request("CANCEL", b, "call-4", "ft", null, 1, null));
        assertEquals(List.of(100, 200, 487), c.statuses());
        ParsedResponse cancelOk = c.responses().get(1);
        ParsedResponse terminated = c.responses().get(2);
        assertEquals("CANCEL", cancelOk.cseqMethod());
        assertEquals("INVITE", terminated.cseqMethod());
        assertEquals(cancelOk.toTag(), terminated.toTag(), "same To tag (§9.2)");
        assertTrue(fired.get());
        assertTrue(held[0].isCancelled());
        assertThrowsIse(() -> held[0].respond(OutgoingResponse.of(200)));
        // ACK for the 487 has the INVITE's branch (§17.1.1.3) and stops Timer G
        c.receive(request("ACK", b, "call-4", "ft", terminated.toTag(), 1, null));
        c.timers.advance(10_000);
        assertEquals(3, c.statuses().size());
        assertEquals(0, c.engine.dialogs().size());
    }

    @Test
    void cancelWithoutInviteGets481AndLateCancelOnly200() {
        c.receive(request("CANCEL", c.nextBranch(), "call-5", "ft", null, 1, null));
        assertEquals(List.of(481), c.statuses());
        String b = c.nextBranch();
        c.receive(request("INVITE", b, "call-6", "ft", null, 1, SDP));
        c.receive(request("CANCEL", b, "call-6", "ft", null, 1, null));
        assertEquals(List.of(481, 100, 200, 200), c.statuses(), "CANCEL after the final response: 200, no 487");
        assertEquals(1, c.engine.dialogs().size());
    }

    @Test
    void optionsOutOfDialogListsAllowAcceptSupported() {
        c.receive(request("OPTIONS", c.nextBranch(), "ping", "p", null, 1, null));
        ParsedResponse r = c.last();
        assertEquals(200, r.statusCode());
        assertEquals(List.of("ACK", "BYE", "CANCEL", "INFO", "INVITE", "OPTIONS", "UPDATE"), CoreHarness.tokens(String.join(",", r.headers("Allow"))));
        assertEquals(List.of("application/sdp", "multipart/mixed"), CoreHarness.tokens(String.join(",", r.headers("Accept"))));
        assertEquals(List.of("siprec", "timer"), CoreHarness.tokens(String.join(",", r.headers("Supported"))));
        assertNotNull(r.toTag());
        assertEquals(0, c.handler.requests.size(), "answered by the core");
    }

    @Test
    void optionsAndInviteGet503WhenDrainingOrAtCapacity() {
        c.engine.draining(true);
        c.receive(request("OPTIONS", c.nextBranch(), "ping", "p", null, 1, null));
        assertEquals(503, c.last().statusCode());
        assertEquals("30", c.last().header("Retry-After"));
        c.receive(request("INVITE", c.nextBranch(), "call-7", "ft", null, 1, SDP));
        assertEquals(503, c.last().statusCode());
        c.engine.draining(false);

        CoreHarness one = new CoreHarness(new CoreSettings(TimerSettings.DEFAULTS, "ua", "", 1800, 90, 70, 1, 7, 1, 10, 100), true);
        one.establish("full-1");
        one.receive(request("INVITE", one.nextBranch(), "full-2", "ft", null, 1, SDP));
        assertEquals(503, one.last().statusCode());
        assertEquals("7", one.last().header("Retry-After"));
        one.receive(request("OPTIONS", one.nextBranch(), "ping", "p", null, 1, null));
        assertEquals(503, one.last().statusCode());
    }

    @Test
    void inDialogOptionsAndInfo() {
        String tag = c.establish("call-8");
        c.receive(request("OPTIONS", c.nextBranch(), "call-8", "ft-call-8", tag, 2, null));
        assertEquals(200, c.last().statusCode());
        c.receive(request("INFO", c.nextBranch(), "call-8", "ft-call-8", tag, 3, null));
        assertEquals(200, c.last().statusCode());
        ServerRequest info = c.handler.requests.get(c.handler.requests.size() - 1);
        assertEquals("INFO", info.request().method());
        assertTrue(info.dialog().isPresent());
    }

    @Test
    void noAckFor2xxEndsTheDialogWithBye() {
        c.receive(request("INVITE", c.nextBranch(), "call-9", "ft", null, 1, SDP));
        c.timers.advance(32_000);
        assertEquals(0, c.engine.dialogs().size());
        assertEquals(1, c.handler.terminated.size());
        assertTrue(c.handler.terminated.get(0).contains("no ACK"));
        assertEquals("BYE", c.requestsSent().get(0).method());
    }

    @Test
    void handlerExceptionBecomes500() {
        c.handler.onInvite = r -> {
            throw new IllegalStateException("boom");
        };
        c.receive(request("INVITE", c.nextBranch(), "call-10", "ft", null, 1, SDP));
        assertEquals(List.of(100, 500), c.statuses());
    }

    @Test
    void withoutHandlerInviteGets503() {
        CoreHarness bare = new CoreHarness(CoreSettings.defaults(), false);
        bare.receive(request("INVITE", bare.nextBranch(), "call-11", "ft", null, 1, SDP));
        assertEquals(List.of(100, 503), bare.statuses());
    }

    @Test
    void secondFinalResponseIsRefused() {
        ServerRequest[] held = new ServerRequest[1];
        c.handler.onInvite = r -> {
            held[0] = r;
            r.respond(OutgoingResponse.of(180));
            r.respond(OutgoingResponse.of(486));
        };
        c.receive(request("INVITE", c.nextBranch(), "call-12", "ft", null, 1, SDP, "Record-Route: <sip:p.example;lr>"));
        assertEquals(List.of(100, 180, 486), c.statuses());
        ParsedResponse ringing = c.responses().get(1);
        assertEquals("<sip:127.0.0.1:5060>", ringing.header("Contact"), "§12.1.1: early-dialog responses carry Contact");
        assertEquals("<sip:p.example;lr>", ringing.header("Record-Route"));
        assertEquals(ringing.toTag(), c.last().toTag(), "one To tag for every response of the transaction");
        assertThrowsIse(() -> held[0].respond(OutgoingResponse.of(200)));
        assertFalse(held[0].dialog().isPresent());
    }

    @Test
    void byeBeforeAckStopsThe2xxRetransmissions() {
        c.receive(request("INVITE", c.nextBranch(), "call-13", "ft", null, 1, SDP));
        String tag = c.last().toTag();
        c.receive(request("BYE", c.nextBranch(), "call-13", "ft", tag, 2, null));
        int sent = c.udp.sent.size();
        c.timers.advance(40_000);
        assertEquals(sent, c.udp.sent.size(), "no 2xx retransmission once the dialog is gone");
        assertEquals(List.of(), c.handler.terminated);
    }

    @Test
    void trying100EchoesTimestamp() {
        c.handler.onInvite = r -> { };
        c.receive(request("INVITE", c.nextBranch(), "call-14", "ft", null, 1, SDP, "Timestamp: 54.3"));
        assertEquals("54.3", c.last().header("Timestamp"));
    }

    private static void assertThrowsIse(Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError("IllegalStateException expected");
    }
}
