package dev.siprec.recording.wav.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;

/** Recording sessions and settings for tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-14T09:26:53Z");

    private Fixtures() {
    }

    static SinkSettings settings(Path dir) {
        return new SinkSettings(dir, 1000, 0, true, WavSinkConfig.DEFAULT_RF64_THRESHOLD, 1000, 10);
    }

    static MediaStream stream(String key, String label, String streamId, int mLine, int rate) {
        return new MediaStream(key, label, streamId, mLine, rate == 16000 ? "G722" : "PCMU", rate, null);
    }

    static Participant participant(String id, String aor, List<String> sends, List<String> receives) {
        return new Participant(id, aor, null, sends, receives, null, null);
    }

    static RecordingSession session(String id, String callId, List<Participant> participants, List<MediaStream> streams) {
        return new RecordingSession(id, callId, "rs-1", "grp-1", List.of("sess-A", "sess-B"), "UDP", "127.0.0.1:5062", T0,
                participants, streams, 0);
    }
}
