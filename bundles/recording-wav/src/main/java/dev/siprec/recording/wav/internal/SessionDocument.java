package dev.siprec.recording.wav.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.StreamSummary;

/**
 * The content of {@code session.json}, schema version {@value #SCHEMA_VERSION} (documented in
 * {@code docs/recording-format.md}).
 */
final class SessionDocument {
    static final int SCHEMA_VERSION = 1;
    static final String ACTIVE = "active";
    static final String COMPLETE = "complete";
    static final String INTERRUPTED = "interrupted";

    /** One DTMF event. */
    record Dtmf(String stream, char digit, Instant at, int durationMillis) {
    }

    /** What {@code stereo.wav} holds. */
    record Stereo(String file, String left, String right, int sampleRate) {
    }

    RecordingSession session;
    Instant startedAt;
    Instant endedAt;
    String state = ACTIVE;
    String endReason;
    String error;
    Stereo stereo;
    String stereoAlignment;
    double stereoOffsetMillis;
    final List<StreamTrack> tracks = new ArrayList<>();
    final List<Dtmf> dtmf = new ArrayList<>();
    final List<String> metadataFiles = new ArrayList<>();
    /** Remarks of the session logic, bounded so a misbehaving peer cannot grow the summary. */
    final List<String> notes = new ArrayList<>();
    static final int MAX_NOTES = 100;
    static final int MAX_NOTE_LENGTH = 1000;
    List<Map<String, Object>> files = List.of();

    SessionDocument(RecordingSession session) {
        this.session = session;
        this.startedAt = session.startedAt();
    }

    Map<String, Object> toMap() {
        RecordingSession s = session;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        m.put("id", s.id());
        m.put("callId", s.callId());
        m.put("sessionId", s.sessionIds().isEmpty() ? null : s.sessionIds().get(0));
        m.put("sessionIds", s.sessionIds());
        m.put("recordingSessionId", s.recordingSessionId());
        m.put("groupId", s.groupId());
        m.put("transport", s.transport());
        m.put("peer", s.peer());
        m.put("startedAt", time(startedAt));
        m.put("endedAt", time(endedAt));
        m.put("state", state);
        m.put("endReason", endReason);
        if (error != null) {
            m.put("error", error);
        }
        m.put("participants", participants());
        m.put("streams", streams());
        m.put("stereo", stereo());
        m.put("dtmf", dtmf());
        m.put("metadataFiles", List.copyOf(metadataFiles));
        m.put("notes", List.copyOf(notes));
        m.put("files", files);
        return m;
    }

    private List<Object> participants() {
        List<Object> out = new ArrayList<>();
        for (Participant p : session.participants()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("aor", p.aor());
            m.put("name", p.name());
            m.put("sends", labels(p.sends()));
            m.put("receives", labels(p.receives()));
            out.add(m);
        }
        return out;
    }

    /** Stream ids of the metadata become the labels of the streams they name, when known. */
    private List<String> labels(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            String label = id;
            for (StreamTrack t : tracks) {
                if (id.equals(t.stream().streamId())) {
                    label = t.stream().label() != null ? t.stream().label() : t.stream().key();
                    break;
                }
            }
            out.add(label);
        }
        return out;
    }

    private List<Object> streams() {
        List<Object> out = new ArrayList<>();
        for (StreamTrack t : tracks) {
            MediaStream st = t.stream();
            StreamSummary sum = t.summary();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", st.label());
            m.put("key", st.key());
            m.put("streamId", st.streamId());
            m.put("mLineIndex", st.mLineIndex());
            m.put("codec", st.codec());
            m.put("sampleRate", st.sampleRate());
            m.put("ssrcs", sum == null ? List.of() : sum.ssrcs());
            String suite = sum != null && sum.srtpSuite() != null ? sum.srtpSuite() : st.srtpSuite();
            if (suite == null) {
                m.put("srtp", null);
            } else {
                Map<String, Object> srtp = new LinkedHashMap<>();
                srtp.put("suite", suite);
                srtp.put("keySource", sum == null ? null : sum.keySource());
                if (sum != null && sum.keyExchange() != null) { // fields added by the key exchange contract
                    srtp.put("keyExchange", sum.keyExchange());
                    srtp.put("profile", sum.profile());
                    srtp.put("role", sum.role());
                    srtp.put("peerFingerprint", sum.peerFingerprint());
                }
                m.put("srtp", srtp);
            }
            Map<String, Object> packets = new LinkedHashMap<>();
            packets.put("received", sum == null ? 0L : sum.received());
            packets.put("lost", sum == null ? 0L : sum.lost());
            packets.put("late", sum == null ? 0L : sum.late());
            packets.put("authFailed", sum == null ? 0L : sum.authFailed());
            packets.put("replayed", sum == null ? 0L : sum.replayed());
            packets.put("refusedSource", sum == null ? 0L : sum.refusedSource());
            m.put("packets", packets);
            m.put("file", t.fileName());
            m.put("samples", t.position());
            m.put("durationMs", t.position() * 1000 / st.sampleRate());
            out.add(m);
        }
        return out;
    }

    private Object stereo() {
        if (stereo == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", stereo.file());
        m.put("left", stereo.left());
        m.put("right", stereo.right());
        m.put("sampleRate", stereo.sampleRate());
        m.put("alignment", stereoAlignment);
        m.put("rightOffsetMs", stereoOffsetMillis);
        return m;
    }

    private List<Object> dtmf() {
        List<Object> out = new ArrayList<>();
        for (Dtmf d : dtmf) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", d.stream());
            m.put("digit", String.valueOf(d.digit()));
            m.put("at", time(d.at()));
            m.put("durationMs", d.durationMillis());
            out.add(m);
        }
        return out;
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
