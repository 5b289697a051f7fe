package dev.siprec.siprec.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.RecordingSinkRegistry;

/**
 * Tracks every {@link RecordingSink} (whiteboard), ordered by service ranking, highest first. A sink
 * without the {@link RecordingSink#SINK} name property is skipped with a WARN.
 */
@Component(service = RecordingSinkRegistry.class)
public final class SinkRegistry implements RecordingSinkRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRegistry.class);

    private final Map<ServiceReference<RecordingSink>, Named> sinks = new ConcurrentSkipListMap<>((a, b) -> b.compareTo(a));

    private record Named(String name, RecordingSink sink) {
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addSink(ServiceReference<RecordingSink> ref, RecordingSink sink) {
        Object name = ref.getProperty(RecordingSink.SINK);
        if (!(name instanceof String n) || n.isBlank()) {
            LOG.warn("recording sink service {} ignored: no {} property", ref.getProperty(Constants.SERVICE_ID), RecordingSink.SINK);
            return;
        }
        sinks.put(ref, new Named(n, sink));
        LOG.info("recording sink {} added", n);
    }

    void removeSink(ServiceReference<RecordingSink> ref, RecordingSink sink) {
        Named removed = sinks.remove(ref);
        if (removed != null) {
            LOG.info("recording sink {} removed", removed.name());
        }
    }

    @Override
    public List<RecordingSink> sinks() {
        return sinks.values().stream().map(Named::sink).toList();
    }

    /** @return the sinks with their names, in ranking order (one consistent view). */
    List<SinkFanout.NamedSink> named() {
        return sinks.values().stream().map(n -> new SinkFanout.NamedSink(n.name(), n.sink())).toList();
    }

    @Override
    public List<String> names() {
        return sinks.values().stream().map(Named::name).toList();
    }
}
