package dev.siprec.sip.core.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.siprec.sip.api.SipRequestHandler;

/**
 * The registered {@link SipRequestHandler}s: the one with the highest service ranking (then the
 * lowest service id) takes requests; option tags are the union over all of them (RFC 3261 §8.2.2.3
 * answers 420 only for tags nobody supports). Methods and accepted media types come from the
 * selected handler.
 */
final class HandlerRegistry {

    /** {@link SipRequestHandler#INLINE}: the handler is called on the transport's thread. */
    static final String INLINE = SipRequestHandler.INLINE;

    /** One registration with the properties the core reads. */
    record Entry(SipRequestHandler handler, int ranking, long serviceId, Set<String> optionTags, Set<String> methods,
                 Set<String> accept, boolean inline) { }

    private final Map<SipRequestHandler, Entry> entries = new ConcurrentHashMap<>();
    private volatile Entry current;
    /** {@link #optionTags()}, kept: every request asks (issue 11), handlers change rarely. */
    private volatile Set<String> optionTags = Set.of();

    void add(SipRequestHandler handler, Map<String, ?> props) {
        entries.put(handler, new Entry(handler, intProp(props.get("service.ranking")), longProp(props.get("service.id")),
                strings(props.get(SipRequestHandler.OPTION_TAGS), true), strings(props.get(SipRequestHandler.METHODS), false),
                strings(props.get(SipRequestHandler.ACCEPT), true), boolProp(props.get(INLINE))));
        select();
    }

    void remove(SipRequestHandler handler) {
        entries.remove(handler);
        select();
    }

    private synchronized void select() {
        Entry best = null;
        for (Entry e : entries.values()) {
            if (best == null || e.ranking > best.ranking || (e.ranking == best.ranking && e.serviceId < best.serviceId)) {
                best = e;
            }
        }
        current = best;
        Set<String> all = new TreeSet<>();
        for (Entry e : entries.values()) {
            all.addAll(e.optionTags);
        }
        optionTags = Collections.unmodifiableSet(all);
    }

    /** @return the handler taking requests, or {@code null}. */
    Entry current() {
        return current;
    }

    /** @return the union of the option tags of all handlers, lower case. */
    Set<String> optionTags() {
        return optionTags;
    }

    static Set<String> strings(Object value, boolean lower) {
        Set<String> out = new TreeSet<>();
        if (value == null) {
            return out;
        }
        Collection<?> items = value instanceof String[] a ? List.of(a)
                : value instanceof Collection<?> c ? c : List.of(value.toString());
        for (Object o : items) {
            for (String s : String.valueOf(o).split(",")) {
                String t = s.trim();
                if (!t.isEmpty()) {
                    out.add(lower ? t.toLowerCase(Locale.ROOT) : t);
                }
            }
        }
        return out;
    }

    private static boolean boolProp(Object o) {
        return o instanceof Boolean b ? b : o != null && "true".equalsIgnoreCase(o.toString().trim());
    }

    private static int intProp(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static long longProp(Object o) {
        return o instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }
}
