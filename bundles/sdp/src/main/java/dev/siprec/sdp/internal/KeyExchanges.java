package dev.siprec.sdp.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchange;

/**
 * Tracks every {@link KeyExchange} service (whiteboard, dynamic): for an m-line's protocol, the one
 * with the highest {@code service.ranking} (then the oldest) answers it. A registration whose
 * {@link KeyExchange#NAME} disagrees with {@link KeyExchange#name()} or that names no protocol is
 * skipped with a WARN; a key exchange that throws is contained by the caller.
 */
@Component(service = KeyExchanges.class)
public final class KeyExchanges {
    private static final Logger LOG = LoggerFactory.getLogger(KeyExchanges.class);

    private record Entry(KeyExchange kex, String name, Set<String> protocols, int ranking, long serviceId) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Reference(name = "kex", cardinality = MULTIPLE, policy = DYNAMIC, target = "(" + KeyExchange.NAME + "=*)")
    public void add(KeyExchange kex, Map<String, Object> props) {
        Object name = props.get(KeyExchange.NAME);
        Set<String> protocols = strings(props.get(KeyExchange.PROTOCOLS));
        String own;
        try {
            own = kex.name();
        } catch (RuntimeException e) {
            LOG.warn("key exchange service {} rejected: name() failed", props.get("service.id"), e);
            return;
        }
        if (!(name instanceof String n) || !n.equals(own)) {
            LOG.warn("key exchange service {} rejected: property {}={} does not match name() {}", props.get("service.id"),
                    KeyExchange.NAME, name, own);
            return;
        }
        if (protocols.isEmpty()) {
            LOG.warn("key exchange {} rejected: property {} names no SDP protocol", n, KeyExchange.PROTOCOLS);
            return;
        }
        int ranking = props.get("service.ranking") instanceof Integer r ? r : 0;
        long id = props.get("service.id") instanceof Long l ? l : 0L;
        entries.add(new Entry(kex, n, protocols, ranking, id));
        LOG.info("key exchange {} added for {}", n, protocols);
    }

    public void remove(KeyExchange kex, Map<String, Object> props) {
        for (Entry e : entries) {
            if (e.kex() == kex && entries.remove(e)) {
                LOG.info("key exchange {} removed: new offers for {} are refused unless another one handles them; "
                        + "running calls keep their keys", e.name(), e.protocols());
            }
        }
    }

    /** @return the key exchange answering m-lines of {@code protocol}, if one is registered now. */
    Optional<KeyExchange> forProtocol(String protocol) {
        String p = protocol.toUpperCase(Locale.ROOT);
        return entries.stream().filter(e -> e.protocols().contains(p))
                .min(Comparator.comparingInt((Entry e) -> -e.ranking()).thenComparingLong(Entry::serviceId))
                .map(Entry::kex);
    }

    /** @return the names of the registered key exchanges, sorted. */
    List<String> names() {
        return entries.stream().map(Entry::name).distinct().sorted().toList();
    }

    private static Set<String> strings(Object value) {
        Stream<?> s;
        if (value instanceof String str) {
            s = Stream.of(str.split(","));
        } else if (value instanceof String[] arr) {
            s = Stream.of(arr);
        } else if (value instanceof Collection<?> c) {
            s = c.stream();
        } else {
            return Set.of();
        }
        return s.map(o -> String.valueOf(o).trim().toUpperCase(Locale.ROOT)).filter(x -> !x.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
