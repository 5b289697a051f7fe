package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.StreamSummary;

/** The whiteboard fan-out: one failing sink never affects the others. */
class SinkFanoutTest {
    static final RecordingSession S = new RecordingSession("id", "c", null, null, List.of(), "UDP", "p:1", Instant.EPOCH,
            List.of(), List.of(), 0);

    @Test
    void failingOpenSkippedNoneOpenedIsNull() {
        RecordingSink refusing = session -> {
            throw new IOException("disk full");
        };
        assertNull(SinkFanout.open(List.of(new SinkFanout.NamedSink("a", refusing)), S));
        FakeSink good = new FakeSink();
        SinkFanout f = SinkFanout.open(List.of(new SinkFanout.NamedSink("a", refusing), new SinkFanout.NamedSink("b", good)), S);
        assertEquals(List.of("b"), f.sinkNames());
    }

    @Test
    void throwingSinkDroppedEndedOnceOthersContinue() {
        FakeSink good = new FakeSink();
        int[] ends = new int[1];
        RecordingSink bad = session -> new RecordingSink.Session() {
            @Override public void streamAdded(dev.siprec.recording.api.MediaStream stream) { }
            @Override public void audio(String k, long p, short[] pcm, int o, int c) { }
            @Override public void dtmf(String k, char d, long p, int ms) { }
            @Override public void metadata(int v, byte[] b, RecordingSession s) { throw new IllegalStateException("boom"); }
            @Override public void updated(RecordingSession s) { }
            @Override public void end(EndReason r) { ends[0]++; }
        };
        SinkFanout f = SinkFanout.open(List.of(new SinkFanout.NamedSink("bad", bad), new SinkFanout.NamedSink("good", good)), S);
        f.metadata(1, new byte[] {1}, S);
        f.metadata(2, new byte[] {2}, S);
        f.statistics(new StreamSummary("1", List.of(), null, null, 1, 0, 0, 0, 0));
        f.note("n");
        f.end(EndReason.BYE);
        f.end(EndReason.BYE);
        assertEquals(1, ends[0], "the failing sink is ended once, with ERROR, and not called again");
        assertEquals(List.of("good"), f.sinkNames());
        assertEquals(List.of(1, 2), good.last().metadataVersions);
        assertEquals(List.of("n"), good.last().notes);
        assertEquals(List.of(EndReason.BYE), good.last().ends);
    }
}
