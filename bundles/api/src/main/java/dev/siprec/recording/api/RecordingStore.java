package dev.siprec.recording.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to the recordings a sink keeps on disk, for operators ({@code siprec:recordings}).
 * Each recording session is one self-describing folder (RFC 7866 §3 recording session).
 */
@ProviderType
public interface RecordingStore {

    /** @return the root directory of the recordings, as an absolute path. */
    String directory();

    /**
     * @param count how many entries at most, at least 1
     * @return the most recent recording sessions, newest first
     * @throws IOException when the directory cannot be read
     */
    List<StoredRecording> recent(int count) throws IOException;

    /**
     * One recording session folder as summarized by its {@code session.json}.
     *
     * @param date the UTC date folder ({@code yyyy-mm-dd})
     * @param name the session folder's name
     * @param folder the absolute path of the folder
     * @param state {@code active}, {@code complete} or {@code interrupted}; {@code unreadable} when the summary cannot be read
     * @param callId the recording INVITE's Call-ID, or {@code null}
     * @param startedAt when the session started, or {@code null}
     * @param endedAt when it ended, or {@code null} while active
     * @param streams number of recorded streams
     * @param bytes total size of the folder's files
     */
    record StoredRecording(String date, String name, String folder, String state, String callId, Instant startedAt,
                           Instant endedAt, int streams, long bytes) {
    }
}
