package dev.siprec.recording.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The active recording sessions (RFC 7866 §3) as operators see them: details, per-stream counters,
 * the SRTP key views, and a server-side hang-up. Registered by the recording-session bundle; used by
 * the shell ({@code siprec:calls}, {@code siprec:call}, {@code siprec:hangup}, {@code siprec:keys})
 * and by monitoring.
 */
@ProviderType
public interface RecordingSessions {

    /** @return every session that is being set up or recorded, oldest first. */
    List<SessionDetails> sessions();

    /** @return the session with {@link RecordingSession#id()} {@code id}, if it is active. */
    Optional<SessionDetails> session(String id);

    /**
     * Ends a session from the server side: sends BYE in its dialog (RFC 3261 §15.1.1) and finalizes
     * the recording with {@link EndReason#SERVER_BYE}, without waiting for the BYE's response.
     *
     * @return {@code false} when no active session has that id
     */
    boolean hangUp(String id);

    /**
     * @return one entry per active SRTP stream: suite, where the key came from, its age and use;
     *         never key bytes (RFC 4568 §6.1 lifetimes, §7.1.4 re-keying)
     */
    List<StreamKeyInfo> keys();
}
