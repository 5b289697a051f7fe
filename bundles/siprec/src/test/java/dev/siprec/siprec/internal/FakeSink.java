package dev.siprec.siprec.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;

/** A sink that records every event, and can refuse to open (a full disk) or throw on audio. */
final class FakeSink implements RecordingSink {
    final List<Rec> sessions = new ArrayList<>();
    boolean failOpen;
    boolean throwOnAudio;

    @Override
    public Session open(RecordingSession session) throws IOException {
        if (failOpen) {
            throw new IOException("No space left on device");
        }
        Rec r = new Rec(session);
        sessions.add(r);
        return r;
    }

    @Override
    public Session open(RecordingSession session, Control control) throws IOException {
        Rec r = (Rec) open(session);
        r.control = control;
        return r;
    }

    Rec last() {
        return sessions.get(sessions.size() - 1);
    }

    final class Rec implements RecordingSink.Session {
        final RecordingSession opened;
        Control control;
        final List<MediaStream> streams = new ArrayList<>();
        final List<Integer> metadataVersions = new ArrayList<>();
        final List<RecordingSession> metadataParsed = new ArrayList<>();
        final List<RecordingSession> updates = new ArrayList<>();
        final List<EndReason> ends = new ArrayList<>();
        int audioCalls;

        Rec(RecordingSession opened) {
            this.opened = opened;
        }

        @Override public void streamAdded(MediaStream stream) { streams.add(stream); }
        final List<String> removed = new ArrayList<>();
        int dtmfs;
        @Override public void streamRemoved(String streamKey) {
            if (audioCallsAtRemoval.putIfAbsent(streamKey, audioCalls) != null) {
                throw new AssertionError("stream " + streamKey + " removed twice");
            }
            removed.add(streamKey);
        }
        final java.util.Map<String, Integer> audioCallsAtRemoval = new java.util.HashMap<>();

        @Override
        public void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count) {
            if (throwOnAudio) {
                throw new IllegalStateException("sink broken");
            }
            if (!ends.isEmpty()) {
                throw new AssertionError("audio after end");
            }
            audioCalls++;
        }

        @Override public void dtmf(String streamKey, char digit, long samplePosition, int durationMillis) { dtmfs++; }

        @Override
        public void metadata(int version, byte[] body, RecordingSession parsed) {
            metadataVersions.add(version);
            metadataParsed.add(parsed);
        }

        @Override public void updated(RecordingSession state) { updates.add(state); }
        final List<dev.siprec.recording.api.StreamSummary> statistics = new ArrayList<>();
        @Override public void statistics(dev.siprec.recording.api.StreamSummary summary) { statistics.add(summary); }
        final List<String> notes = new ArrayList<>();
        @Override public void note(String text) { notes.add(text); }
        @Override public void end(EndReason reason) { ends.add(reason); }
    }
}
