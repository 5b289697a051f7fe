package dev.siprec.recording.api;

import java.util.List;

/**
 * What an operator sees of one active recording session.
 *
 * @param session the snapshot (ids, peer, participants, streams)
 * @param state {@code setup} while the INVITE is being answered, {@code recording} once answered
 * @param streams per-stream reception state and counters, in m-line order
 * @param notes facts worth knowing, e.g. that streams were mapped to participants by m-line order
 *              because the metadata did not name their labels (RFC 7866 §7.1.1)
 * @param metadata the latest metadata body as received (RFC 7865), or {@code null} without metadata
 */
public record SessionDetails(RecordingSession session, String state, List<StreamState> streams, List<String> notes,
                             String metadata) {
    /** Set-up state: the recording INVITE is not answered yet. */
    public static final String SETUP = "setup";
    /** Recording state: the INVITE was answered with 200. */
    public static final String RECORDING = "recording";

    public SessionDetails {
        streams = List.copyOf(streams);
        notes = List.copyOf(notes);
    }
}
