package dev.siprec.events.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.events.api.SiprecEvents;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.SessionListener;

/**
 * Turns the session layer's lifecycle callbacks into Event Admin events ({@link SiprecEvents}),
 * posted asynchronously so that no handler ever delays signalling. Active only while an Event Admin
 * runs: without one, no listener is registered and nothing is built.
 */
@Component(service = SessionListener.class)
public final class SessionEventPublisher implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEventPublisher.class);

    private final EventAdmin events;
    private final String node;

    @Activate
    public SessionEventPublisher(BundleContext context, @Reference EventAdmin events) {
        this(events, nodeName(context.getProperty(SiprecEvents.NODE_PROPERTY)));
    }

    SessionEventPublisher(EventAdmin events, String node) {
        this.events = events;
        this.node = node;
        LOG.info("Session events posted to Event Admin under {} as node {}", SiprecEvents.TOPIC_ALL, node);
    }

    /** @return the configured node name, else the host name (see {@link SiprecEvents#nodeName}) */
    static String nodeName(String configured) {
        return SiprecEvents.nodeName(configured);
    }

    @Override
    public void started(RecordingSession session) {
        events.postEvent(new Event(SiprecEvents.TOPIC_SESSION_STARTED, properties(session)));
    }

    @Override
    public void updated(RecordingSession session) {
        events.postEvent(new Event(SiprecEvents.TOPIC_SESSION_UPDATED, properties(session)));
    }

    @Override
    public void ended(RecordingSession session, EndReason reason) {
        Map<String, Object> p = properties(session);
        p.put(SiprecEvents.END_REASON, reason.name());
        events.postEvent(new Event(SiprecEvents.TOPIC_SESSION_ENDED, p));
    }

    Map<String, Object> properties(RecordingSession s) {
        Map<String, Object> p = new HashMap<>();
        p.put(SiprecEvents.NODE, node);
        p.put(SiprecEvents.TIMESTAMP, System.currentTimeMillis());
        put(p, SiprecEvents.SESSION_ID, s.id());
        put(p, SiprecEvents.CALL_ID, s.callId());
        put(p, SiprecEvents.PEER, s.peer());
        put(p, SiprecEvents.TRANSPORT, s.transport());
        if (s.startedAt() != null) {
            p.put(SiprecEvents.STARTED_AT, s.startedAt().toString());
        }
        p.put(SiprecEvents.PARTICIPANTS, s.participants().stream().map(SessionEventPublisher::aor).toArray(String[]::new));
        p.put(SiprecEvents.COMMUNICATION_SESSIONS, s.sessionIds().toArray(String[]::new));
        p.put(SiprecEvents.STREAMS, s.streams().size());
        p.put(SiprecEvents.METADATA_VERSION, s.metadataVersion());
        return p;
    }

    private static String aor(Participant participant) {
        return participant.aor() != null ? participant.aor() : participant.id();
    }

    private static void put(Map<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
