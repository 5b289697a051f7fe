package dev.siprec.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.siprec.events.api.SiprecEvents;

/**
 * Counts the server's Event Admin events ({@link SiprecEvents}): sessions started per transport,
 * sessions ended per reason, recordings finalized per sink and final state. Label values come from
 * the server's own events; at most {@link #MAX_SERIES} label sets are kept, the rest count as {@code other}.
 */
@Component(service = {EventHandler.class, SessionEvents.class},
        property = EventConstants.EVENT_TOPIC + "=" + SiprecEvents.TOPIC_PREFIX + "*")
public final class SessionEvents implements EventHandler {
    static final int MAX_SERIES = 64;

    private record Key(String family, String label, String value, String label2, String value2) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void handleEvent(Event event) {
        switch (event.getTopic()) {
            case SiprecEvents.TOPIC_SESSION_STARTED -> count(new Key("sessions_started", "transport", text(event, SiprecEvents.TRANSPORT), null, null));
            case SiprecEvents.TOPIC_SESSION_ENDED -> count(new Key("sessions_ended", "reason", text(event, SiprecEvents.END_REASON), null, null));
            case SiprecEvents.TOPIC_RECORDING_FINALIZED -> count(new Key("recordings_finalized", "sink", text(event, SiprecEvents.SINK),
                    "state", text(event, SiprecEvents.RECORDING_STATE)));
            default -> {
                // updates and plug-ins' own topics are not counted
            }
        }
    }

    private void count(Key key) {
        LongAdder a = counts.get(key);
        if (a == null) {
            if (counts.size() >= MAX_SERIES) {
                key = new Key(key.family(), key.label(), "other", key.label2(), key.label2() == null ? null : "other");
            }
            a = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        a.increment();
    }

    private static String text(Event event, String property) {
        Object v = event.getProperty(property);
        if (v == null) {
            return "unknown";
        }
        String s = v.toString();
        return s.length() > 64 ? s.substring(0, 64) : s.toLowerCase(Locale.ROOT);
    }

    List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        counts.forEach((k, v) -> {
            Map<String, String> labels = k.label2() == null ? Map.of(k.label(), k.value()) : Map.of(k.label(), k.value(), k.label2(), k.value2());
            out.add(new Sample(SeriesMapper.PREFIX + k.family(), true, help(k.family()), labels, v.sum()));
        });
        return out;
    }

    private static String help(String family) {
        return switch (family) {
            case "sessions_started" -> "Recording sessions accepted (RFC 7866), by SIP transport";
            case "sessions_ended" -> "Recording sessions ended, by reason";
            default -> "Recordings finalized by a sink, by sink and final state";
        };
    }
}
