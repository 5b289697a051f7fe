package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.ParsedResponse;
import dev.siprec.sip.codec.SipMessageBuilder;

/** RFC 4028 as UAS: 422, refresher choice, refresh by UPDATE/re-INVITE, BYE on expiry. */
class SessionTimerTest {

    private final CoreHarness c = new CoreHarness();

    private void answer(ParsedRequest sent, int status, String... headers) {
        SipMessageBuilder b = SipMessageBuilder.responseTo(sent, status, SipMessageBuilder.reasonPhrase(status)).toTag("remote");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.receive(new String(b.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void tooSmallIntervalGets422WithMinSe() {
        c.receive(request("INVITE", c.nextBranch(), "st1", "ft", null, 1, SDP, "Supported: timer", "Session-Expires: 60"));
        ParsedResponse r = c.last();
        assertEquals(422, r.statusCode());
        assertEquals("90", r.header("Min-SE"));
        assertEquals(0, c.handler.requests.size());
    }

    @Test
    void clientRefresherWithoutRefreshGetsByeAtSeMinus32() {
        c.establish("st2", "Supported: timer", "Session-Expires: 1800");
        ParsedResponse ok = c.responses().get(1);
        assertEquals("1800;refresher=uac", ok.header("Session-Expires"));
        assertTrue(ok.headers("Require").contains("timer"));
        c.timers.advance((1800 - 32) * 1000L - 1);
        assertEquals(List.of(), c.requestsSent());
        c.timers.advance(1);
        List<ParsedRequest> sent = c.requestsSent();
        assertEquals(1, sent.size());
        assertEquals("BYE", sent.get(0).method());
        assertEquals(1, c.handler.terminated.size());
        assertTrue(c.handler.terminated.get(0).contains("session timer"));
        assertEquals(0, c.engine.dialogs().size());
    }

    @Test
    void aRefreshingReInviteRestartsTheTimer() {
        String tag = c.establish("st3", "Supported: timer", "Session-Expires: 90;refresher=uac");
        c.timers.advance(50_000);
        c.receive(request("INVITE", c.nextBranch(), "st3", "ft-st3", tag, 2, SDP, "Supported: timer", "Session-Expires: 90;refresher=uac"));
        ParsedResponse ok = c.last();
        assertEquals(200, ok.statusCode());
        assertEquals("90;refresher=uac", ok.header("Session-Expires"));
        c.receive(request("ACK", c.nextBranch(), "st3", "ft-st3", tag, 2, null));
        c.timers.advance(50_000);
        assertEquals(List.of(), c.requestsSent(), "90 - 30 s after the refresh has not passed yet");
        c.timers.advance(10_000);
        assertEquals("BYE", c.requestsSent().get(0).method());
    }

    @Test
    void serverRefreshesWithUpdateAtHalfTheInterval() {
        c.establish("st4", "Allow: INVITE, ACK, BYE, CANCEL, UPDATE");
        ParsedResponse ok = c.responses().get(1);
        assertEquals("1800;refresher=uas", ok.header("Session-Expires"));
        assertNull(ok.header("Require"), "no Require: timer for a client without timer support");
        c.timers.advance(900_000);
        List<ParsedRequest> sent = c.requestsSent();
        assertEquals(1, sent.size());
        ParsedRequest update = sent.get(0);
        assertEquals("UPDATE", update.method());
        assertEquals(0, update.body().length);
        assertEquals("sip:src@127.0.0.1:5070", update.requestUri());
        assertTrue(update.header("Session-Expires").startsWith("1800"));
        assertEquals("ft-st4", update.toTag());
        answer(update, 200, "Session-Expires", "1800;refresher=uac");
        c.timers.advance(899_000);
        assertEquals(1, c.requestsSent().size(), "timer restarted by the 2xx");
        c.timers.advance(1_000);
        assertEquals(2, c.requestsSent().size());
    }

    @Test
    void serverRefreshesWithReInviteWhenUpdateIsNotAllowed() {
        String tag = c.establish("st5");
        c.timers.advance(900_000);
        ParsedRequest reinvite = c.requestsSent().get(0);
        assertEquals("INVITE", reinvite.method());
        assertEquals(SDP, new String(reinvite.body(), StandardCharsets.US_ASCII), "offers the last SDP unchanged");
        assertEquals("ft-st5", reinvite.toTag());
        assertEquals(tag, reinvite.fromTag());
        answer(reinvite, 200);
        List<ParsedRequest> sent = c.requestsSent();
        assertEquals("ACK", sent.get(1).method(), "2xx to re-INVITE is ACKed");
        assertEquals(reinvite.cseq(), sent.get(1).cseq());
    }

    @Test
    void refreshFailureEndsTheDialog() {
        c.establish("st6", "Allow: UPDATE");
        c.timers.advance(900_000);
        answer(c.requestsSent().get(0), 481);
        assertEquals(0, c.engine.dialogs().size());
        assertEquals(1, c.handler.terminated.size());
    }

    @Test
    void requestedMinSeRaisesTheInterval() {
        c.establish("st7", "Supported: timer", "Session-Expires: 3600", "Min-SE: 2000");
        assertEquals("2000;refresher=uac", c.responses().get(1).header("Session-Expires"));
    }

    /** Attack (issue 9, item 2): Min-SE 2^32-1 kept a dead client's dialog for 136 years. */
    @Test
    void hugeMinSeOrSessionExpiresIsLoweredToTheMaximum() {
        c.establish("st8", "Supported: timer", "Session-Expires: 4294967295", "Min-SE: 4294967295");
        assertEquals("7200;refresher=uac", c.responses().get(1).header("Session-Expires"));
        c.establish("st9", "Supported: timer", "Session-Expires: 100000", "Min-SE: 9000");
        assertEquals("7200;refresher=uac", c.responses().get(c.responses().size() - 1).header("Session-Expires"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CoreSettings(TimerSettings.DEFAULTS, "ua", "", 1800, 90, 70,
                1, 7, 1, 10, 100, 1000));
    }

    @Test
    void reInviteWhileAnotherIsPendingGets500AndDuringOursGets491() {
        String tag = c.establish("st8");
        var answering = c.handler.onInvite;
        c.handler.onInvite = r -> { }; // leave the re-INVITE pending
        c.receive(request("INVITE", c.nextBranch(), "st8", "ft-st8", tag, 2, SDP));
        c.receive(request("INVITE", c.nextBranch(), "st8", "ft-st8", tag, 3, SDP));
        ParsedResponse r = c.last();
        assertEquals(500, r.statusCode());
        assertTrue(Integer.parseInt(r.header("Retry-After")) <= 10);

        c.handler.onInvite = answering;
        String tag2 = c.establish("st9");
        c.engine.dialogs().find("st9", tag2, "ft-st9").sendRequest("INVITE", List.of(), "application/sdp", SDP.getBytes(StandardCharsets.US_ASCII));
        c.receive(request("INVITE", c.nextBranch(), "st9", "ft-st9", tag2, 2, SDP));
        assertEquals(491, c.last().statusCode());
    }

    @Test
    void refreshCollidingWithAPendingClientInviteIsRetried() {
        String tag = c.establish("st11");
        var answering = c.handler.onInvite;
        dev.siprec.sip.api.ServerRequest[] pending = new dev.siprec.sip.api.ServerRequest[1];
        c.handler.onInvite = r -> pending[0] = r;
        c.timers.advance(899_000);
        c.receive(request("INVITE", c.nextBranch(), "st11", "ft-st11", tag, 2, SDP));
        c.timers.advance(1_000);
        assertEquals(List.of(), c.requestsSent(), "no refresh while the client's INVITE is pending");
        assertEquals(1, c.engine.dialogs().size(), "glare is not a failure");
        c.handler.onInvite = answering;
        pending[0].respond(new dev.siprec.sip.api.OutgoingResponse(200, null, List.of(), "application/sdp", SDP.getBytes(StandardCharsets.US_ASCII)));
        c.receive(request("ACK", c.nextBranch(), "st11", "ft-st11", tag, 2, null));
        // the 2xx to their re-INVITE restarted the timer: next refresh at half the interval from now
        c.timers.advance(899_000);
        assertEquals(List.of(), c.requestsSent());
        c.timers.advance(2_000);
        assertEquals("INVITE", c.requestsSent().get(0).method());
    }

    @Test
    void bodilessUpdateRefreshIsAnsweredByTheCoreWhenNoHandlerTakesUpdate() {
        CoreHarness h = new CoreHarness(CoreSettings.defaults(), false);
        h.engine.handlers.add(h.handler, java.util.Map.of(dev.siprec.sip.api.SipRequestHandler.OPTION_TAGS, "timer",
                dev.siprec.sip.api.SipRequestHandler.METHODS, new String[] {"INVITE", "BYE"}, "service.id", 1L));
        String tag = h.establish("st12", "Supported: timer", "Session-Expires: 120");
        h.timers.advance(60_000);
        h.receive(request("UPDATE", h.nextBranch(), "st12", "ft-st12", tag, 2, null, "Supported: timer", "Session-Expires: 120"));
        ParsedResponse ok = h.last();
        assertEquals(200, ok.statusCode());
        assertEquals("120;refresher=uac", ok.header("Session-Expires"));
        h.timers.advance(60_000);
        assertEquals(List.of(), h.requestsSent(), "the UPDATE restarted the timer");
        h.receive(request("UPDATE", h.nextBranch(), "st12", "ft-st12", tag, 3, SDP));
        assertEquals(488, h.last().statusCode(), "an offer in UPDATE with no handler for it");
    }

    @Test
    void policyParsesAndRejectsMalformedValues() {
        assertEquals(new SessionTimerPolicy.SessionExpires(120, "uas"), SessionTimerPolicy.SessionExpires.parse(" 120 ; refresher=UAS"));
        c.receive(request("INVITE", c.nextBranch(), "st10", "ft", null, 1, SDP, "Session-Expires: soon"));
        assertEquals(400, c.last().statusCode());
        assertEquals(1800L * 1000 - 32_000, new SessionTimerPolicy.Agreed(1800, false, true).expiryDelayMs());
        assertEquals(60_000, new SessionTimerPolicy.Agreed(90, false, true).expiryDelayMs());
    }
}
