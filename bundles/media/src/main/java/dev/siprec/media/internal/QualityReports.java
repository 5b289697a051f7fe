package dev.siprec.media.internal;

import java.time.Duration;
import java.util.function.Consumer;

import dev.siprec.media.api.StreamQuality;
import dev.siprec.media.api.StreamQualityListener;
import dev.siprec.media.internal.rtp.ReceptionStats;
import dev.siprec.media.internal.rtp.StreamCounters;

/**
 * The quality reports of one stream ({@link StreamQualityListener}): one per interval in which
 * something arrived, and a final one. {@link #due} runs under the receiver's lock and only builds the
 * report; the receiver hands it to {@link #deliver} after releasing the lock.
 */
final class QualityReports {
    static final long INTERVAL_NANOS = StreamQualityListener.REPORT_INTERVAL_SECONDS * 1_000_000_000L;

    private final String sessionId;
    private final String streamKey;
    private final Consumer<StreamQuality> sink;
    private long intervalStart;
    private long lateReported;
    private boolean finished;

    QualityReports(String sessionId, String streamKey, Consumer<StreamQuality> sink) {
        this.sessionId = sessionId;
        this.streamKey = streamKey;
        this.sink = sink;
    }

    /** The stream started receiving at {@code now}: the first interval begins. */
    void start(long now) {
        intervalStart = now;
    }

    /**
     * @param last {@code true} when the stream closes: the final report, whatever the time
     * @return the report due at {@code now}, or {@code null}
     */
    StreamQuality due(long now, StreamCounters c, String suite, boolean last) {
        if (finished || (!last && now - intervalStart < INTERVAL_NANOS)) {
            return null;
        }
        ReceptionStats.Interval counts = c.reception.interval();
        long late = c.late - lateReported;
        lateReported = c.late;
        Duration length = Duration.ofNanos(Math.max(0, now - intervalStart));
        intervalStart = now;
        finished = last;
        if (!last && counts.expected() == 0 && counts.received() == 0 && late == 0) {
            return null; // nothing arrived: no report (a held or silent stream)
        }
        return new StreamQuality(sessionId, streamKey, suite, c.codec, length, counts.expected(), counts.received(), late,
                c.reception.jitterMillis(), last);
    }

    /** Hands a report to the listeners; never throws. */
    void deliver(StreamQuality q) {
        if (q != null) {
            sink.accept(q);
        }
    }
}
