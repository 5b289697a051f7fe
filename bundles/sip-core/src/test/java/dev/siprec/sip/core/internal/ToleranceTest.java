package dev.siprec.sip.core.internal;

import static dev.siprec.sip.core.internal.CoreHarness.SDP;
import static dev.siprec.sip.core.internal.CoreHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.codec.ParsedRequest;
import dev.siprec.sip.codec.ParsedResponse;

/**
 * Tolerance for real recording clients (issue 9): each quirk is accepted only where it is
 * unambiguous, noted on the dialog (for session.json) and logged once; ambiguous forms keep the
 * RFC 3261 answer.
 */
class ToleranceTest {

    private final CoreHarness c = new CoreHarness();

    private Dialog dialog(String callId) {
        return c.engine.dialogs().all().stream().filter(d -> d.callId().equals(callId)).findFirst().orElseThrow();
    }

    private long oks(String callId) {
        return c.responses().stream().filter(r -> r.statusCode() == 200 && "INVITE".equals(r.cseqMethod())
                && callId.equals(r.callId())).count();
    }

    private String lastText() {
        List<String> t = c.udp.sentTexts();
        return t.get(t.size() - 1);
    }

    private static boolean mentions(List<String> notes, String word) {
        return notes.stream().anyMatch(n -> n.contains(word));
    }

    @Test
    void contactWithoutClosingAngleAtTheEndIsAccepted() {
        c.receive(request("INVITE", c.nextBranch(), "t1", "ft", null, 1, SDP)
                .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:src@127.0.0.1:5070;transport=udp"));
        assertEquals(200, c.last().statusCode());
        assertTrue(mentions(dialog("t1").tolerated(), "'>'"), dialog("t1").tolerated().toString());
        assertEquals("sip:src@127.0.0.1:5070;transport=udp", ((SipDialog) dialog("t1")).remoteTarget());
    }

    @Test
    void ambiguousAngleBracketsKeepThe400() {
        c.receive(request("INVITE", c.nextBranch(), "t1b", "ft", null, 1, SDP)
                .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:src@127.0.0.1:5070 <sip:other@192.0.2.1"));
        assertTrue(lastText().startsWith("SIP/2.0 400 "), lastText());
        c.receive(request("INVITE", c.nextBranch(), "t1c", "ft", null, 1, SDP)
                .replace("From: <sip:src@127.0.0.1>;tag=ft", "From: <sip:src@127.0.0.1;tag=ft"));
        assertTrue(lastText().startsWith("SIP/2.0 400 "), "only Contact: a From without '>' would swallow its tag");
        assertEquals(0, c.engine.dialogs().size());
    }

    @Test
    void ackWithoutToTagMatchingOneDialogStopsThe2xx() {
        c.receive(request("INVITE", c.nextBranch(), "t2", "ft-t2", null, 1, SDP));
        c.receive(request("ACK", c.nextBranch(), "t2", "ft-t2", null, 1, null));
        c.timers.advance(10_000);
        assertEquals(1, oks("t2"), "no 2xx retransmission after the tag-less ACK");
        assertTrue(mentions(dialog("t2").tolerated(), "ACK without To tag"), dialog("t2").tolerated().toString());
    }

    @Test
    void byeWithoutToTagMatchingOneDialogEndsIt() {
        String tag = c.establish("t3");
        c.receive(request("BYE", c.nextBranch(), "t3", "ft-t3", null, 2, null));
        ParsedResponse r = c.last();
        assertEquals(200, r.statusCode());
        assertEquals(tag, r.toTag(), "answered with the dialog's tag");
        assertEquals(0, c.engine.dialogs().size());
        ServerRequestView bye = new ServerRequestView(c.handler.requests.get(c.handler.requests.size() - 1));
        assertTrue(mentions(bye.dialogNotes(), "BYE without To tag"), bye.dialogNotes().toString());
    }

    @Test
    void tagLessRequestsMatchingTwoDialogsKeepTheRfcAnswer() {
        c.receive(request("INVITE", c.nextBranch(), "t4", "ft-t4", null, 1, SDP));
        c.receive(request("INVITE", c.nextBranch(), "t4", "ft-t4", null, 2, SDP)); // a second dialog, same Call-ID and From tag
        assertEquals(2, c.engine.dialogs().size());
        c.receive(request("ACK", c.nextBranch(), "t4", "ft-t4", null, 1, null));
        c.timers.advance(600);
        assertEquals(4, oks("t4"), "ambiguous ACK dropped: both 2xx retransmitted");
        c.receive(request("BYE", c.nextBranch(), "t4", "ft-t4", null, 3, null));
        assertEquals(481, c.last().statusCode());
        assertEquals(2, c.engine.dialogs().size());
    }

    @Test
    void ackWhoseCseqNamesInviteIsTheAck() {
        c.receive(request("INVITE", c.nextBranch(), "t5", "ft-t5", null, 1, SDP));
        String tag = c.last().toTag();
        c.receive(request("ACK", c.nextBranch(), "t5", "ft-t5", tag, 1, null).replace("CSeq: 1 ACK", "CSeq: 1 INVITE"));
        c.timers.advance(10_000);
        assertEquals(1, oks("t5"));
        assertTrue(mentions(dialog("t5").tolerated(), "CSeq method INVITE"), dialog("t5").tolerated().toString());
        int before = c.statuses().size();
        c.receive(request("BYE", c.nextBranch(), "t5", "ft-t5", tag, 2, null).replace("CSeq: 2 BYE", "CSeq: 2 INVITE"));
        assertEquals(before + 1, c.statuses().size());
        assertEquals(400, c.last().statusCode(), "only ACK/INVITE is unambiguous");
    }

    @Test
    void byeWithALowerCseqStillEndsTheSession() {
        String tag = c.establish("t6");
        c.receive(request("INFO", c.nextBranch(), "t6", "ft-t6", tag, 9, null));
        assertEquals(200, c.last().statusCode());
        c.receive(request("INFO", c.nextBranch(), "t6", "ft-t6", tag, 5, null));
        assertEquals(500, c.last().statusCode(), "other methods keep the RFC answer");
        c.receive(request("BYE", c.nextBranch(), "t6", "ft-t6", tag, 3, null));
        assertEquals(200, c.last().statusCode());
        assertEquals(0, c.engine.dialogs().size());
        ServerRequestView bye = new ServerRequestView(c.handler.requests.get(c.handler.requests.size() - 1));
        assertTrue(mentions(bye.dialogNotes(), "lower"), bye.dialogNotes().toString());
    }

    @Test
    void uriUserWithAStrayCharacterIsKeptOpaque() {
        c.receive(request("INVITE", c.nextBranch(), "t7", "ft-t7", null, 1, SDP)
                .replace("From: <sip:src@127.0.0.1>", "From: <sip:sr]c@127.0.0.1>")
                .replace("Contact: <sip:src@127.0.0.1:5070>", "Contact: <sip:sr]c@127.0.0.1:5070>"));
        ParsedResponse ok = c.last();
        assertEquals(200, ok.statusCode());
        assertEquals("<sip:sr]c@127.0.0.1>;tag=ft-t7", ok.header("From"), "echoed as sent");
        Dialog d = dialog("t7");
        assertTrue(mentions(d.tolerated(), "opaque") && mentions(d.tolerated(), "From") && mentions(d.tolerated(), "Contact"),
                d.tolerated().toString());
        d.bye();
        ParsedRequest bye = c.requestsSent().get(0);
        assertEquals("BYE", bye.method());
        assertEquals("sip:sr%5Dc@127.0.0.1:5070", bye.requestUri(), "sent in the escaped, equivalent form");
        assertEquals("<sip:sr]c@127.0.0.1>;tag=ft-t7", bye.header("To"));
    }

    @Test
    void requestUriAndWhiteSpaceKeepTheirRfcAnswer() {
        c.receive(request("INVITE", c.nextBranch(), "t8", "ft", null, 1, SDP).replace("INVITE sip:srs@", "INVITE sip:s]rs@"));
        assertEquals(400, c.last().statusCode());
        c.receive(request("INVITE", c.nextBranch(), "t9", "ft", null, 1, SDP).replace("From: <sip:src@", "From: <sip:s<rc@"));
        assertTrue(lastText().startsWith("SIP/2.0 400 "), lastText());
        assertFalse(c.engine.dialogs().size() > 0);
    }

    /** The dialog notes as the session layer sees them through the API. */
    private record ServerRequestView(dev.siprec.sip.api.ServerRequest sr) {
        List<String> dialogNotes() {
            return sr.dialog().map(Dialog::tolerated).orElse(List.of());
        }
    }
}
