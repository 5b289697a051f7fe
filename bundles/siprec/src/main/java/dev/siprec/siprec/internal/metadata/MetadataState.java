package dev.siprec.siprec.internal.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.siprec.recording.api.Participant;

/**
 * The metadata state of one recording session across its bodies (RFC 7865 §6.1.1): a
 * {@code complete} body replaces the state, a {@code partial} one is merged into it element by
 * element (by id). A participant without identity (Avaya's first INVITE carries a placeholder) is
 * dropped once another participant takes over the streams it sent. Not thread-safe: the recording
 * session serializes its updates.
 */
public final class MetadataState {
    /** Most participants, streams, sessions or groups kept; partial updates beyond it are not merged. */
    public static final int MAX_ENTRIES = 1000;
    /** Most extension elements kept across partial updates; the oldest are dropped first. */
    public static final int MAX_EXTENSIONS = 512;

    private Metadata current;
    private boolean truncated;

    /** @return {@code true} once an update was cut to the limits ({@link #MAX_ENTRIES}, {@link #MAX_EXTENSIONS}). */
    public boolean truncated() {
        return truncated;
    }

    /** @return the merged state, or {@code null} before the first body. */
    public Metadata current() {
        return current;
    }

    /** Applies one body and returns the merged state. */
    public Metadata apply(Metadata next) {
        if (current == null || !next.partial()) {
            current = withoutReplacedPlaceholders(next);
            return current;
        }
        Map<String, Metadata.Group> groups = new LinkedHashMap<>(current.groups());
        next.groups().forEach((id, g) -> merge(groups, id, g, (a, b) -> b));
        Map<String, Metadata.Session> sessions = new LinkedHashMap<>(current.sessions());
        next.sessions().forEach((id, s) -> merge(sessions, id, s, MetadataState::mergeSession));
        Map<String, Metadata.Party> parties = new LinkedHashMap<>(current.participants());
        next.participants().forEach((id, p) -> merge(parties, id, p, MetadataState::mergeParty));
        Map<String, Metadata.Stream> streams = new LinkedHashMap<>(current.streams());
        next.streams().forEach((id, s) -> merge(streams, id, s, MetadataState::mergeStream));
        List<Metadata.Extension> ext = new ArrayList<>(current.extensions());
        ext.addAll(next.extensions());
        if (ext.size() > MAX_EXTENSIONS) {
            ext = new ArrayList<>(ext.subList(ext.size() - MAX_EXTENSIONS, ext.size()));
            truncated = true;
        }
        current = withoutReplacedPlaceholders(new Metadata(next.recordingId() != null ? next.recordingId()
                : current.recordingId(), false, groups, sessions, parties, streams, ext, next.dialect()));
        return current;
    }

    private <V> void merge(Map<String, V> into, String id, V value, java.util.function.BinaryOperator<V> how) {
        if (!into.containsKey(id) && into.size() >= MAX_ENTRIES) {
            truncated = true;
            return;
        }
        into.merge(id, value, how);
    }

    private static Metadata.Session mergeSession(Metadata.Session a, Metadata.Session b) {
        return new Metadata.Session(a.id(), or(b.groupId(), a.groupId()),
                b.sipSessionIds().isEmpty() ? a.sipSessionIds() : b.sipSessionIds(), or(b.associated(), a.associated()),
                or(b.disassociated(), a.disassociated()));
    }

    private static Metadata.Party mergeParty(Metadata.Party a, Metadata.Party b) {
        return new Metadata.Party(a.id(), or(b.aor(), a.aor()), or(b.name(), a.name()), or(b.sessionId(), a.sessionId()),
                or(b.sends(), a.sends()), or(b.receives(), a.receives()), or(b.associated(), a.associated()),
                or(b.disassociated(), a.disassociated()));
    }

    private static Metadata.Stream mergeStream(Metadata.Stream a, Metadata.Stream b) {
        return new Metadata.Stream(a.id(), or(b.sessionId(), a.sessionId()), or(b.label(), a.label()), or(b.mode(), a.mode()),
                or(b.associated(), a.associated()), or(b.disassociated(), a.disassociated()));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    /** Drops placeholder participants whose sent streams are all sent by an identified participant too. */
    private static Metadata withoutReplacedPlaceholders(Metadata m) {
        Map<String, Metadata.Party> kept = new LinkedHashMap<>();
        for (Metadata.Party p : m.participants().values()) {
            if (p.placeholder() && p.sends() != null && !p.sends().isEmpty() && takenOver(p, m)) {
                continue;
            }
            kept.put(p.id(), p);
        }
        if (kept.size() == m.participants().size()) {
            return m;
        }
        return new Metadata(m.recordingId(), m.partial(), m.groups(), m.sessions(), kept, m.streams(), m.extensions(),
                m.dialect());
    }

    private static boolean takenOver(Metadata.Party placeholder, Metadata m) {
        for (String stream : placeholder.sends()) {
            boolean other = m.participants().values().stream().anyMatch(q -> q != placeholder && !q.placeholder()
                    && q.sends() != null && q.sends().contains(stream));
            if (!other) {
                return false;
            }
        }
        return true;
    }

    /** @return the participants for the API, with the streams they send and receive as stream ids. */
    public List<Participant> participants() {
        if (current == null) {
            return List.of();
        }
        List<Participant> out = new ArrayList<>();
        for (Metadata.Party p : current.participants().values()) {
            out.add(new Participant(p.id(), p.aor(), p.name(), p.sends() == null ? List.of() : p.sends(),
                    p.receives() == null ? List.of() : p.receives(), p.associated(), p.disassociated()));
        }
        return out;
    }

    /** @return the group id: of the first session that names one, else of the first group. */
    public String groupId() {
        if (current == null) {
            return null;
        }
        for (Metadata.Session s : current.sessions().values()) {
            if (s.groupId() != null) {
                return s.groupId();
            }
        }
        return current.groups().keySet().stream().findFirst().orElse(null);
    }

    /** @return the communication session ids, in order. */
    public List<String> sessionIds() {
        return current == null ? List.of() : List.copyOf(current.sessions().keySet());
    }

    /** @return the metadata stream whose label is {@code label}, or {@code null}. */
    public Metadata.Stream streamByLabel(String label) {
        if (current == null || label == null) {
            return null;
        }
        for (Metadata.Stream s : current.streams().values()) {
            if (label.equals(s.label())) {
                return s;
            }
        }
        return null;
    }
}
