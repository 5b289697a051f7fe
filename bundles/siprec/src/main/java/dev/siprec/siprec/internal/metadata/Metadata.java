package dev.siprec.siprec.internal.metadata;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed metadata body (RFC 7865 §6), dialect differences removed. Ids are kept as sent.
 *
 * @param recordingId the recording element's id, when the dialect carries one (RFC 7865 has none; the draft format does)
 * @param partial {@code true} for {@code dataMode partial} (RFC 7865 §6.1.1): merge into the previous state
 * @param groups communication session groups (§6.2)
 * @param sessions communication sessions (§6.3)
 * @param participants participants (§6.5) with their stream associations (§6.9)
 * @param streams media streams (§6.7)
 * @param extensions extension data kept verbatim (§6.11), in document order
 * @param dialect a short name of the format recognised, for logs and summaries
 */
public record Metadata(String recordingId, boolean partial, Map<String, Group> groups, Map<String, Session> sessions,
                       Map<String, Party> participants, Map<String, Stream> streams, List<Extension> extensions,
                       String dialect) {

    public Metadata {
        groups = ordered(groups);
        sessions = ordered(sessions);
        participants = ordered(participants);
        streams = ordered(streams);
        extensions = List.copyOf(extensions);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A communication session group (§6.2). */
    public record Group(String id, Instant associated, Instant disassociated) {
    }

    /**
     * A communication session (§6.3, §6.4).
     *
     * @param sipSessionIds {@code sipSessionID} values (RFC 7989 Session-ID)
     */
    public record Session(String id, String groupId, List<String> sipSessionIds, Instant associated,
                          Instant disassociated) {
        public Session {
            sipSessionIds = List.copyOf(sipSessionIds);
        }
    }

    /**
     * A participant (§6.5) with its session association (§6.6) and stream association (§6.9).
     *
     * @param aor the {@code nameID aor}, or {@code null}
     * @param name the display name, or {@code null}
     * @param sessionId the session it belongs to, when given
     * @param sends stream ids it sends, {@code null} when this body says nothing about it
     * @param receives stream ids it receives, {@code null} when this body says nothing about it
     */
    public record Party(String id, String aor, String name, String sessionId, List<String> sends, List<String> receives,
                        Instant associated, Instant disassociated) {
        public Party {
            sends = sends == null ? null : List.copyOf(sends);
            receives = receives == null ? null : List.copyOf(receives);
        }

        /** @return {@code true} when the participant carries no identity: a placeholder (Avaya's first INVITE). */
        public boolean placeholder() {
            return (aor == null || aor.isBlank()) && (name == null || name.isBlank());
        }
    }

    /**
     * A media stream (§6.7).
     *
     * @param label the SDP {@code a=label} it is tied to
     * @param mode {@code separate} or {@code mixed} (draft formats), or {@code null}
     */
    public record Stream(String id, String sessionId, String label, String mode, Instant associated,
                         Instant disassociated) {
    }

    /**
     * Extension data (§6.11), verbatim.
     *
     * @param parent the id of the element it is attached to, or {@code null} at the top level
     * @param xml the element as XML, prefixes and namespace declarations kept
     */
    public record Extension(String parent, String xml) {
        @Override
        public String toString() {
            return "Extension[" + parent + ", " + xml.length() + " chars]";
        }
    }
}
