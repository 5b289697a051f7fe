package dev.siprec.recording.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Lifecycle events of recording sessions, for operations (events, webhooks, metrics). Called off the
 * media path; a listener that throws is logged and skipped.
 */
@ConsumerType
public interface SessionListener {

    /** A recording INVITE was accepted. */
    default void started(RecordingSession session) {
    }

    /** Participants, streams or state changed (re-INVITE, UPDATE, metadata). */
    default void updated(RecordingSession session) {
    }

    /** The session ended and every sink has finalized it. */
    default void ended(RecordingSession session, EndReason reason) {
    }
}
