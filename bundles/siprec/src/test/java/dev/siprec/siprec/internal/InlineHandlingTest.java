package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

/**
 * Issue 11: the SIP core calls {@link SessionManager#handle} on its transport thread
 * ({@code sip.handler.inline}), so handling a request only answers and queues: what takes the call's
 * lock or blocks (notes, finalization) runs in the queued tasks.
 */
class InlineHandlingTest {

    /** Runs tasks directly while {@code direct}, else keeps them for the test to run. */
    private static final class Switchable implements Executor {
        boolean direct = true;
        boolean refuse;
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            if (refuse) {
                throw new RejectedExecutionException("full");
            }
            if (direct) {
                r.run();
            } else {
                queued.add(r);
            }
        }

        void runQueued() {
            Runnable r;
            while ((r = queued.poll()) != null) {
                r.run();
            }
        }
    }

    private static final String NOTE = "BYE with a CSeq lower than the previous request's (accepted: it ends the session)";

    @Test
    void byeIsAnsweredAtOnceAndItsNotesAndEndingRunInTheQueuedTask() {
        Switchable session = new Switchable();
        Switchable end = new Switchable();
        Harness h = new Harness(session, end);
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()));
        assertEquals(200, s.last().status());
        end.direct = false;
        s.dialog.tolerated = List.of(NOTE);
        FakeSip.Server bye = h.inDialog(s, "BYE", null, null);
        assertEquals(200, bye.last().status());
        assertEquals(1, end.queued.size());
        assertFalse(h.sink.last().notes.stream().anyMatch(n -> n.contains("CSeq lower")), "noted on the caller's thread");
        assertFalse(h.events.stream().anyMatch(e -> e.startsWith("ended")), h.events.toString());
        end.runQueued();
        assertTrue(h.sink.last().notes.contains("SIP: " + NOTE), h.sink.last().notes.toString());
        assertTrue(h.events.contains("ended BYE"), h.events.toString());
    }

    @Test
    void byeWhoseEndExecutorIsFullEndsOnTheSessionExecutor() {
        Switchable session = new Switchable();
        Switchable end = new Switchable();
        Harness h = new Harness(session, end);
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()));
        assertEquals(200, s.last().status());
        end.refuse = true;
        session.direct = false;
        FakeSip.Server bye = h.inDialog(s, "BYE", null, null);
        assertEquals(200, bye.last().status());
        assertEquals(1, session.queued.size());
        assertFalse(h.events.stream().anyMatch(e -> e.startsWith("ended")), h.events.toString());
        session.runQueued();
        assertTrue(h.events.contains("ended BYE"), h.events.toString());
    }

    @Test
    void byeWithBothExecutorsFullStillEndsTheCall() {
        Switchable session = new Switchable();
        Switchable end = new Switchable();
        Harness h = new Harness(session, end);
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()));
        end.refuse = true;
        session.refuse = true;
        FakeSip.Server bye = h.inDialog(s, "BYE", null, null);
        assertEquals(200, bye.last().status());
        assertTrue(h.events.contains("ended BYE"), h.events.toString());
    }

    @Test
    void reOfferNotesRunInTheQueuedTask() {
        Switchable session = new Switchable();
        Harness h = new Harness(session, session);
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()));
        assertEquals(200, s.last().status());
        session.direct = false;
        s.dialog.tolerated = List.of("a tolerated deviation");
        FakeSip.Server re = h.inDialog(s, "INVITE", "application/sdp", twoStreams());
        assertEquals(1, session.queued.size());
        assertTrue(re.responses.isEmpty(), "answered before the queued re-offer ran");
        assertFalse(h.manager.sessions().get(0).notes().contains("SIP: a tolerated deviation"));
        session.runQueued();
        assertEquals(200, re.last().status());
        assertTrue(h.manager.sessions().get(0).notes().contains("SIP: a tolerated deviation"),
                h.manager.sessions().get(0).notes().toString());
    }
}
