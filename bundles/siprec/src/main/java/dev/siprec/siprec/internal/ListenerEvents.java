package dev.siprec.siprec.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.SessionListener;

/** Tells every {@link SessionListener}; one that throws is logged and skipped (the whiteboard rule). */
final class ListenerEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerEvents.class);

    private ListenerEvents() {
    }

    static void started(List<SessionListener> listeners, RecordingSession s) {
        for (SessionListener l : listeners) {
            try {
                l.started(s);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed on started: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    static void updated(List<SessionListener> listeners, RecordingSession s) {
        for (SessionListener l : listeners) {
            try {
                l.updated(s);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed on updated: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    static void ended(List<SessionListener> listeners, RecordingSession s, EndReason reason) {
        for (SessionListener l : listeners) {
            try {
                l.ended(s, reason);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed on ended: {}", l.getClass().getName(), e.toString());
            }
        }
    }
}
