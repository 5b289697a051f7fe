package dev.siprec.recording.api;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one recording session (RFC 7866 §3: the SIP session between recording client and
 * server) with what its metadata says of the communication session it records.
 *
 * @param id the server's unique id of this recording session, safe as a folder name
 * @param callId the recording INVITE's Call-ID
 * @param recordingSessionId the metadata {@code recording} id where the dialect carries one (draft formats), else the
 *                           recording INVITE's {@code Session-ID} (RFC 7989 §4), else {@code null}
 * @param groupId the metadata group_id, or {@code null}
 * @param sessionIds the metadata session_ids of the recorded communication sessions
 * @param transport {@code UDP}, {@code TCP} or {@code TLS}
 * @param peer the recording client's address, {@code host:port}
 * @param startedAt when the recording INVITE was accepted
 * @param participants participants from the latest metadata
 * @param streams the streams being recorded
 * @param metadataVersion how many metadata bodies were received so far
 */
public record RecordingSession(String id, String callId, String recordingSessionId, String groupId,
                               List<String> sessionIds, String transport, String peer, Instant startedAt,
                               List<Participant> participants, List<MediaStream> streams, int metadataVersion) {
    public RecordingSession {
        sessionIds = List.copyOf(sessionIds);
        participants = List.copyOf(participants);
        streams = List.copyOf(streams);
    }
}
