package dev.siprec.media.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.api.StreamQuality;
import dev.siprec.media.api.StreamQualityListener;

/**
 * The {@link StreamQualityListener} whiteboard: hands each report to every listener; one that throws
 * is logged (the first time, then every 1000th failure) and the others still get the report.
 */
final class QualityListeners implements Consumer<StreamQuality> {
    private static final Logger LOG = LoggerFactory.getLogger(QualityListeners.class);

    private final List<StreamQualityListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    void add(StreamQualityListener l) {
        listeners.add(l);
    }

    void remove(StreamQualityListener l) {
        listeners.remove(l);
    }

    @Override
    public void accept(StreamQuality report) {
        for (StreamQualityListener l : listeners) {
            try {
                l.streamQuality(report);
            } catch (RuntimeException e) {
                long n = failures.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("Stream quality listener {} failed ({} failures so far): {}", l.getClass().getName(), n, e.toString());
                }
            }
        }
    }
}
