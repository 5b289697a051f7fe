package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.codec.ParsedResponse;

/** The core's own rejections: 400, 405, 415, 416, 420, 481, 482 (merged and loop), 483, 500 (CSeq), 501, 513. */
class RequestChecksTest {

    private final CoreHarness c = new CoreHarness();

    @Test
    void maxForwardsZeroGets483ButOptionsIsAnswered() {
        c.receive(request("INVITE", c.nextBranch(), "mf", "ft", null, 1, SDP).replace("Max-Forwards: 70", "Max-Forwards: 0"));
        assertEquals(List.of(100, 483), c.statuses());
        c.receive(request("OPTIONS", c.nextBranch(), "mf2", "ft", null, 1, null).replace("Max-Forwards: 70", "Max-Forwards: 0"));
        assertEquals(200, c.last().statusCode());
        c.receive(request("OPTIONS", c.nextBranch(), "mf3", "ft", null, 1, null).replace("Max-Forwards: 70", "Max-Forwards: abc"));
        assertEquals(400, c.last().statusCode());
    }

    @Test
    void mergedRequestGets482() {
        c.handler.onInvite = r -> { }; // keep the first INVITE pending
        c.receive(request("INVITE", c.nextBranch(), "merge", "ft", null, 1, SDP));
        c.receive(request("INVITE", c.nextBranch(), "merge", "ft", null, 1, SDP)); // same From tag/Call-ID/CSeq, other branch
        assertEquals(List.of(100, 100, 482), c.statuses());
    }

    @Test
    void ownBranchInViaIsALoop() {
        String ours = c.engine.ids.branch();
        c.receive(request("OPTIONS", c.nextBranch(), "loop", "ft", null, 1, null,
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + ours));
        assertEquals(482, c.last().statusCode());
    }

    @Test
    void unsupportedRequireGets420WithUnsupported() {
        c.receive(request("INVITE", c.nextBranch(), "req", "ft", null, 1, SDP, "Require: siprec, foo, 100rel"));
        ParsedResponse r = c.last();
        assertEquals(420, r.statusCode());
        assertEquals(List.of("100rel", "foo"), CoreHarness.tokens(String.join(",", r.headers("Unsupported"))));
        c.receive(request("INVITE", c.nextBranch(), "req2", "ft", null, 1, SDP, "Require: siprec, timer"));
        assertEquals(200, c.last().statusCode(), "tags the handler declares pass");
    }

    @Test
    void unknownMethodGets501AndKnownButNotAllowed405() {
        c.receive(request("FROB", c.nextBranch(), "m", "ft", null, 1, null));
        ParsedResponse r = c.last();
        assertEquals(501, r.statusCode());
        assertTrue(r.headers("Allow").contains("INVITE"));
        c.receive(request("REGISTER", c.nextBranch(), "m2", "ft", null, 1, null));
        assertEquals(405, c.last().statusCode());
        assertNotNull(c.last().header("Allow"));
    }

    @Test
    void unsupportedContentGets415WithAccept() {
        c.receive(request("INVITE", c.nextBranch(), "ct", "ft", null, 1, SDP).replace("Content-Type: application/sdp", "Content-Type: text/plain"));
        ParsedResponse r = c.last();
        assertEquals(415, r.statusCode());
        assertEquals(List.of("application/sdp", "multipart/mixed"), CoreHarness.tokens(String.join(",", r.headers("Accept"))));
        c.receive(request("INVITE", c.nextBranch(), "ce", "ft", null, 1, SDP, "Content-Encoding: gzip"));
        assertEquals(415, c.last().statusCode());
        assertEquals("identity", c.last().header("Accept-Encoding"));
    }

    @Test
    void unsupportedUriSchemeGets416() {
        c.receive(request("OPTIONS", c.nextBranch(), "u", "ft", null, 1, null).replace("OPTIONS sip:srs@127.0.0.1:5060", "OPTIONS http://example.com/"));
        assertEquals(416, c.last().statusCode());
    }

    @Test
    void lowerCseqInDialogGets500() {
        String tag = c.establish("cseq");
        c.receive(request("INFO", c.nextBranch(), "cseq", "ft-cseq", tag, 5, null));
        assertEquals(200, c.last().statusCode());
        c.receive(request("INFO", c.nextBranch(), "cseq", "ft-cseq", tag, 4, null));
        assertEquals(500, c.last().statusCode());
    }

    @Test
    void unknownDialogGets481() {
        c.establish("known");
        c.receive(request("INFO", c.nextBranch(), "known", "ft-known", "wrongtag", 2, null));
        assertEquals(481, c.last().statusCode());
        c.receive(request("UPDATE", c.nextBranch(), "unknown", "x", null, 2, null));
        assertEquals(481, c.last().statusCode(), "UPDATE outside a dialog");
    }

    @Test
    void malformedRequestIsAnsweredFromSalvagedHeaders() {
        String bad = request("OPTIONS", c.nextBranch(), "bad", "ft", null, 1, null).replace("CSeq: 1 OPTIONS", "CSeq: 1 OPTIONS\r\nContent-Length: 50");
        c.receive(bad);
        ParsedResponse r = c.last();
        assertEquals(400, r.statusCode());
        assertEquals("bad", r.callId());
        assertEquals(1, c.engine.rejected.get());
    }

    @Test
    void junkAndResponsesWithoutTransactionAreDroppedAndCounted() {
        c.udp.inbound.received(c.udp.conn("127.0.0.1", 9), new byte[] {0, 1, 2, 3, (byte) 0xff});
        c.receive("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\n"
                + "Call-ID: x\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
        assertEquals(0, c.udp.sent.size());
        assertEquals(2, c.engine.dropped.get());
    }

    @Test
    void framingErrorOfTooLargeMessageGets513() {
        byte[] partial = request("INVITE", c.nextBranch(), "big", "ft", null, 1, null).getBytes(StandardCharsets.US_ASCII);
        c.engine.framingError(c.udp.conn("127.0.0.1", 5070), partial, "Message Too Large");
        assertEquals(513, c.last().statusCode());
        c.engine.framingError(c.udp.conn("127.0.0.1", 5070), partial, 413, "Request Entity Too Large");
        assertEquals(413, c.last().statusCode());
    }

    @Test
    void transactionCapAnswersStateless503() {
        CoreHarness small = new CoreHarness(new CoreSettings(TimerSettings.DEFAULTS, "ua", "", 1800, 90, 70, 10, 5, 1, 10, 100), true);
        for (int i = 0; i < 100; i++) {
            small.receive(request("OPTIONS", small.nextBranch(), "flood" + i, "ft", null, 1, null));
        }
        assertEquals(100, small.engine.transactions.size());
        small.receive(request("OPTIONS", small.nextBranch(), "flood-over", "ft", null, 1, null));
        assertEquals(503, small.last().statusCode());
        assertEquals("5", small.last().header("Retry-After"));
        assertEquals(100, small.engine.transactions.size(), "no state kept for it");
        small.timers.advance(32_000);
        assertEquals(0, small.engine.transactions.size(), "Timer J drained them");
        small.receive(request("OPTIONS", small.nextBranch(), "after", "ft", null, 1, null));
        assertEquals(200, small.last().statusCode());
    }

    @Test
    void cseqMethodMismatchGets400() {
        c.receive(request("OPTIONS", c.nextBranch(), "mm", "ft", null, 1, null).replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
        assertEquals(400, c.last().statusCode());
    }

    @Test
    void allowedMethodsAndOptionTagsFollowTheHandlersWhileKeptBetweenRequests() {
        CoreHarness bare = new CoreHarness(CoreSettings.defaults(), false);
        assertEquals(java.util.Set.of("ACK", "BYE", "CANCEL", "INVITE", "OPTIONS"), bare.engine.allowedMethods());
        assertEquals("ACK, BYE, CANCEL, INVITE, OPTIONS", bare.engine.allow());
        assertTrue(bare.engine.allowedMethods() == bare.engine.allowedMethods(), "kept while nothing changes");
        assertTrue(bare.engine.handlers.optionTags().isEmpty());
        bare.engine.handlers.add(bare.handler, java.util.Map.of(dev.siprec.sip.api.SipRequestHandler.OPTION_TAGS,
                new String[] {"Timer"}, dev.siprec.sip.api.SipRequestHandler.METHODS, new String[] {"INFO"}, "service.id", 5L));
        assertEquals(java.util.Set.of("timer"), bare.engine.handlers.optionTags());
        assertEquals("ACK, BYE, CANCEL, INFO, INVITE, OPTIONS, UPDATE", bare.engine.allow(), "the handler's INFO, UPDATE for timers");
        bare.engine.handlers.remove(bare.handler);
        assertTrue(bare.engine.handlers.optionTags().isEmpty());
        assertEquals("ACK, BYE, CANCEL, INVITE, OPTIONS", bare.engine.allow());
    }
}
