package dev.siprec.siprec.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.StreamSummary;

/**
 * One {@link RecordingSink.Session} that passes every event to the sessions of all sinks that
 * opened the recording (the whiteboard). A sink that throws is logged once, ended with
 * {@link EndReason#ERROR} and not called again; the others and the call go on.
 */
final class SinkFanout implements RecordingSink.Session {
    private static final Logger LOG = LoggerFactory.getLogger(SinkFanout.class);

    private static final class Target {
        final String name;
        final RecordingSink.Session session;
        volatile boolean failed;

        Target(String name, RecordingSink.Session session) {
            this.name = name;
            this.session = session;
        }
    }

    private final String sessionId;
    private final List<Target> targets;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong dtmfEvents = new java.util.concurrent.atomic.AtomicLong();
    private volatile long maxDtmfEvents = Long.MAX_VALUE;

    private SinkFanout(String sessionId, List<Target> targets) {
        this.sessionId = sessionId;
        this.targets = targets;
    }

    /** A named sink, for opening. */
    record NamedSink(String name, RecordingSink sink) {
    }

    /**
     * Opens {@code session} on every sink; sinks that fail are logged and skipped.
     *
     * @return the fan-out, or {@code null} when no sink opened the session
     */
    static SinkFanout open(List<NamedSink> sinks, RecordingSession session) {
        return open(sinks, session, cause -> LOG.error("session {}: a sink cannot store it: {}", session.id(), cause));
    }

    /**
     * Opens {@code session} on every sink, giving each {@code control} to report that it can no longer store it.
     *
     * @return the fan-out, or {@code null} when no sink opened the session
     */
    static SinkFanout open(List<NamedSink> sinks, RecordingSession session, RecordingSink.Control control) {
        List<Target> opened = new ArrayList<>();
        for (NamedSink s : sinks) {
            try {
                RecordingSink.Session rs = s.sink().open(session, control);
                if (rs != null) {
                    opened.add(new Target(s.name(), rs));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("recording sink {} cannot open session {}: {}", s.name(), session.id(), e.toString());
            }
        }
        return opened.isEmpty() ? null : new SinkFanout(session.id(), List.copyOf(opened));
    }

    /** @return the names of the sinks recording this session and still healthy. */
    List<String> sinkNames() {
        return targets.stream().filter(t -> !t.failed).map(t -> t.name).toList();
    }

    private void each(String what, Consumer<RecordingSink.Session> call) {
        for (Target t : targets) {
            if (t.failed) {
                continue;
            }
            try {
                call.accept(t.session);
            } catch (RuntimeException e) {
                fail(t, what, e);
            }
        }
    }

    private void fail(Target t, String what, RuntimeException e) {
        t.failed = true;
        LOG.error("recording sink {} failed on {} of session {}; it is dropped from this session: {}", t.name, what,
                sessionId, e.toString());
        if (!"end".equals(what)) {
            try {
                t.session.end(EndReason.ERROR);
            } catch (RuntimeException e2) {
                LOG.debug("sink {} failed to end after an error: {}", t.name, e2.toString());
            }
        }
    }

    @Override
    public void streamAdded(MediaStream stream) {
        each("streamAdded", s -> s.streamAdded(stream));
    }

    @Override
    public void streamRemoved(String streamKey) {
        each("streamRemoved", s -> s.streamRemoved(streamKey));
    }

    /** Telephone events beyond {@code max} in this session are counted and not passed on. */
    void maxDtmfEvents(long max) {
        maxDtmfEvents = max;
    }

    /** @return telephone events seen in this session, passed on or not */
    long dtmfEvents() {
        return dtmfEvents.get();
    }

    @Override
    public void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count) {
        for (Target t : targets) {
            if (t.failed) {
                continue;
            }
            try {
                t.session.audio(streamKey, samplePosition, pcm, offset, count);
            } catch (RuntimeException e) {
                fail(t, "audio", e);
            }
        }
    }

    @Override
    public void timing(String streamKey, long samplePosition, Instant wallClock, boolean fromRtcp) {
        each("timing", s -> s.timing(streamKey, samplePosition, wallClock, fromRtcp));
    }

    @Override
    public void statistics(StreamSummary summary) {
        each("statistics", s -> s.statistics(summary));
    }

    @Override
    public void dtmf(String streamKey, char digit, long samplePosition, int durationMillis) {
        long n = dtmfEvents.incrementAndGet();
        if (n > maxDtmfEvents) {
            if (n == maxDtmfEvents + 1) {
                LOG.warn("session {}: more than {} telephone events; later ones are counted and dropped", sessionId,
                        maxDtmfEvents);
                each("note", s -> s.note("telephone events beyond " + maxDtmfEvents + " were dropped"));
            }
            return;
        }
        each("dtmf", s -> s.dtmf(streamKey, digit, samplePosition, durationMillis));
    }

    @Override
    public void metadata(int version, byte[] body, RecordingSession parsed) {
        each("metadata", s -> s.metadata(version, body.clone(), parsed));
    }

    @Override
    public void updated(RecordingSession state) {
        each("updated", s -> s.updated(state));
    }

    @Override
    public void note(String text) {
        each("note", s -> s.note(text));
    }

    /** Ends every healthy sink session once; later calls do nothing. */
    @Override
    public void end(EndReason reason) {
        if (ended.compareAndSet(false, true)) {
            each("end", s -> s.end(reason));
        }
    }

    boolean isEnded() {
        return ended.get();
    }
}
