package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 9 tolerance: what the SIP core accepted against RFC 3261 ends up in the session's notes (session.json). */
class ToleranceNotesTest {

    @Test
    void requestAndDialogNotesReachTheSummary() {
        Harness h = new Harness();
        FakeSip.Request r = invite("application/sdp", twoStreams());
        r.tolerated = List.of("Contact name-addr without its closing '>' (accepted: it ended the value) in Contact");
        FakeSip.Server s = h.send(r);
        assertEquals(200, s.last().status());
        assertTrue(h.manager.sessions().get(0).notes().stream().anyMatch(n -> n.startsWith("SIP: Contact name-addr")),
                h.manager.sessions().get(0).notes().toString());

        s.dialog.tolerated = List.of("ACK without To tag, matched to the one dialog of its Call-ID and From tag",
                "BYE with a CSeq lower than the previous request's (accepted: it ends the session)");
        FakeSip.Server bye = h.inDialog(s, "BYE", null, null);
        assertEquals(200, bye.last().status());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (h.sink.last().notes.stream().noneMatch(n -> n.contains("lower")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<String> notes = h.sink.last().notes;
        assertTrue(notes.stream().anyMatch(n -> n.equals("SIP: ACK without To tag, matched to the one dialog of its Call-ID and From tag")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("CSeq lower")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("closing '>'")), notes.toString());
    }
}
