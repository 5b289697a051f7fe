package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.EndReason;

/** Every way a recording session ends finalizes what was received (receivers flushed, sinks ended, keys wiped). */
class EndingTest {

    private static void assertFinalized(Harness h, EndReason reason) {
        assertTrue(h.media.receivers.stream().allMatch(r -> r.closed), "receivers closed");
        FakeSink.Rec rec = h.sink.last();
        assertEquals(List.of(reason), rec.ends);
        assertTrue(rec.audioCalls >= 2, "flushed audio reached the sink before end");
        assertTrue(rec.streams.stream().allMatch(m -> rec.statistics.stream().anyMatch(st -> st.streamKey().equals(m.key()))),
                "every stream's packet counters reach the sink for session.json: " + rec.statistics);
        assertTrue(h.sdp.sessions.get(0).closed, "answer session keys wiped");
        assertTrue(h.manager.sessions().isEmpty());
    }

    @Test
    void byeFromClient() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        FakeSip.Server bye = h.inDialog(call, "BYE", null, null);
        assertEquals(200, bye.last().status());
        assertFinalized(h, EndReason.BYE);
        assertEquals("ended BYE", h.events.get(h.events.size() - 1));
    }

    @Test
    void hangUpFromServerSendsBye() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        assertTrue(h.manager.hangUp(h.onlyId()));
        assertEquals(1, call.dialog.byes);
        assertFinalized(h, EndReason.SERVER_BYE);
        assertFalse(h.manager.hangUp("nope"));
    }

    @Test
    void cancelBeforeAnswer() {
        Harness h = new Harness();
        List<Runnable> queued = new java.util.ArrayList<>();
        Harness q = new Harness() { };
        SessionManager m = new SessionManager(Harness.settings(Map.of()), q, q.clock, queued::add);
        FakeSip.Server s = new FakeSip.Server(invite("application/sdp", twoStreams()), Harness.udp(), null);
        m.handle(s);
        assertEquals(1, m.activeCount(), "set-up queued");
        s.cancel();
        queued.forEach(Runnable::run);
        assertTrue(s.responses.isEmpty(), "no response after CANCEL (the core answered 487)");
        assertEquals(0, m.activeCount());
        assertTrue(q.media.receivers.stream().allMatch(r -> r.closed));
        assertTrue(q.events.isEmpty());
        assertTrue(h.manager.sessions().isEmpty());
    }

    @Test
    void cancelDuringSetupAfterSinksOpened() {
        Harness h = new Harness();
        FakeSip.Server s = new FakeSip.Server(invite("application/sdp", twoStreams()), Harness.udp(), null) {
            int checks;

            @Override
            public synchronized boolean isCancelled() {
                return ++checks > 1 || super.isCancelled(); // CANCEL arrives while the answer is built
            }
        };
        h.manager.handle(s);
        assertTrue(s.responses.isEmpty());
        assertFinalized(h, EndReason.CANCELLED);
    }

    @Test
    void mediaTimeoutEndsWithBye() {
        Harness h = new Harness(Map.of("media.timeout.seconds", 10));
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.clock.advance(Duration.ofSeconds(9));
        h.manager.tick();
        assertEquals(1, h.manager.activeCount());
        h.media.receiver("1").lastPacket = h.clock.instant();
        h.clock.advance(Duration.ofSeconds(5));
        h.manager.tick();
        assertEquals(1, h.manager.activeCount(), "one stream still has media");
        h.clock.advance(Duration.ofSeconds(10));
        h.manager.tick();
        assertEquals(1, call.dialog.byes);
        assertFinalized(h, EndReason.MEDIA_TIMEOUT);
    }

    @Test
    void heldStreamsDoNotTimeOut() {
        Harness h = new Harness(Map.of("media.timeout.seconds", 10));
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.inDialog(call, "INVITE", "application/sdp", Harness.offer(Harness.audio(10000, "1", "inactive"),
                Harness.audio(10002, "2", "inactive")));
        h.clock.advance(Duration.ofMinutes(5));
        h.manager.tick();
        assertEquals(1, h.manager.activeCount());
        h.inDialog(call, "INVITE", "application/sdp", twoStreams());
        h.clock.advance(Duration.ofSeconds(9));
        h.manager.tick();
        assertEquals(1, h.manager.activeCount(), "timeout counts from the resume");
        h.clock.advance(Duration.ofSeconds(2));
        h.manager.tick();
        assertEquals(0, h.manager.activeCount());
    }

    /** Attack (issue 9, item 2): every stream inactive, so the media timeout never fires and the session lives forever. */
    @Test
    void sessionWithNoReceivingStreamEndsOnTheIdleTimeoutWithAReason() {
        Harness h = new Harness(Map.of("media.timeout.seconds", 10, "idle.timeout.seconds", 600));
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.inDialog(call, "INVITE", "application/sdp", Harness.offer(Harness.audio(10000, "1", "inactive"),
                Harness.audio(10002, "2", "inactive")));
        h.manager.tick();
        h.clock.advance(Duration.ofSeconds(599));
        h.manager.tick();
        assertEquals(1, h.manager.activeCount());
        h.clock.advance(Duration.ofSeconds(2));
        h.manager.tick();
        assertEquals(1, call.dialog.byes);
        assertEquals("Reason", call.dialog.byeHeaders.get(0).name());
        assertEquals("SIP;cause=408;text=\"no stream receiving for 600 s\"", call.dialog.byeHeaders.get(0).value());
        assertFinalized(h, EndReason.IDLE_TIMEOUT);
        assertTrue(h.sink.last().notes.contains("no stream receiving for 600 s"), h.sink.last().notes.toString());
    }

    /** Attack: a client that keeps sending (or a stuck one that refreshes) holds a session, and its files, for ever. */
    @Test
    void maxSessionDurationEndsEvenASessionWithMedia() {
        Harness h = new Harness(Map.of("max.session.duration", 100));
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        for (int i = 0; i < 9; i++) {
            h.clock.advance(Duration.ofSeconds(11));
            h.media.receiver("1").lastPacket = h.clock.instant();
            h.manager.tick();
        }
        assertEquals(1, h.manager.activeCount());
        h.clock.advance(Duration.ofSeconds(2));
        h.manager.tick();
        assertEquals(1, call.dialog.byes);
        assertTrue(call.dialog.byeHeaders.get(0).value().startsWith("SIP;cause=200;text=\"maximum session duration of 100 s"),
                call.dialog.byeHeaders.toString());
        assertFinalized(h, EndReason.MAX_DURATION);
    }

    /** Issue 9, item 13: the disk fills mid-call; the recording is cut, so the call is ended, not left running. */
    @Test
    void storageFailureReportedByASinkEndsTheCallWithBye507() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.sink.last().control.storageFailed("No space left on device");
        h.sink.last().control.storageFailed("No space left on device"); // a second report changes nothing
        assertEquals(1, call.dialog.byes);
        assertEquals("SIP;cause=507;text=\"recording storage failed: No space left on device\"",
                call.dialog.byeHeaders.get(0).value());
        assertFinalized(h, EndReason.STORAGE_FAILURE);
    }

    @Test
    void sessionTimerAndTransportLoss() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.manager.dialogTerminated(call.dialog, "session timer expired (RFC 4028 §10)");
        assertFinalized(h, EndReason.SESSION_TIMER);
        Harness h2 = new Harness();
        FakeSip.Server call2 = h2.send(invite("application/sdp", twoStreams()));
        h2.manager.dialogTerminated(call2.dialog, "transport TCP 'default' removed");
        assertFinalized(h2, EndReason.ERROR);
    }

    @Test
    void coreStopIsShutdown() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.manager.dialogTerminated(call.dialog, "SIP core stopped");
        assertFinalized(h, EndReason.SHUTDOWN);
    }

    @Test
    void infoOptionsAndUnknownMethods() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        assertEquals(200, h.inDialog(call, "INFO", null, null).last().status());
        assertEquals(200, h.inDialog(call, "OPTIONS", null, null).last().status());
        assertEquals(501, h.inDialog(call, "MESSAGE", null, null).last().status());
        assertEquals(1, h.manager.activeCount());
    }

    @Test
    void shutdownByesAndFinalizesEverySession() {
        Harness h = new Harness();
        FakeSip.Server a = h.send(invite("application/sdp", twoStreams()));
        FakeSip.Request second = invite("application/sdp", twoStreams());
        second.callId = "call-2";
        FakeSip.Server b = h.send(second);
        Instant before = Instant.now();
        h.manager.shutdown(500);
        assertTrue(Duration.between(before, Instant.now()).toMillis() < 5_000);
        assertEquals(1, a.dialog.byes);
        assertEquals(1, b.dialog.byes);
        assertEquals(0, h.manager.activeCount());
        h.sink.sessions.forEach(r -> assertEquals(List.of(EndReason.SHUTDOWN), r.ends));
        assertTrue(h.media.receivers.stream().allMatch(r -> r.closed));
    }

    @Test
    void finishIsIdempotent() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        h.inDialog(call, "BYE", null, null);
        h.manager.dialogTerminated(call.dialog, "BYE received");
        assertEquals(1, h.sink.last().ends.size());
        assertEquals(1, h.events.stream().filter(e -> e.startsWith("ended")).count());
    }
}
