package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.StreamSummary;

/**
 * The caller's side of one session: every call becomes an event on a queue that a writer thread
 * drains in order, so the media I/O threads never wait for the disk. A stream's contiguous audio is
 * gathered into one event of up to {@value #GATHER_SAMPLES} samples (queued before any other event,
 * and at least at every periodic flush). Audio in the queue is bounded
 * to {@code queue.seconds} of every stream's sample rate; beyond it samples are dropped and counted
 * (WARN at most every ten seconds).
 */
final class SinkSession implements RecordingSink.Session {
    private static final Logger LOG = LoggerFactory.getLogger(SinkSession.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long END_TIMEOUT_SECONDS = 120;

    private sealed interface Event permits Added, Removed, Audio, Timing, Dtmf, Metadata, Updated, Note, Stats, Flush, ForceFailed, End {
    }

    private record Added(MediaStream stream) implements Event {
    }

    private record Removed(String key) implements Event {
    }

    /** {@code count} samples of {@code pcm} from {@code position} on. */
    private record Audio(String key, long position, short[] pcm, int count) implements Event {
    }

    /**
     * A stream's audio gathered on the caller's thread into one event: contiguous samples up to
     * {@link #GATHER_SAMPLES} (3 packets of 20 ms at 8 kHz) go to the queue together, so the writer
     * thread takes one event, one array and one write per 60 ms instead of per packet. The array
     * being filled stays with the stream, so its size is heap per call: 960 samples (120 ms) cost
     * ~1.9 KB more per call than 480 for a writer saving that measured within the noise.
     */
    private static final class Gather {
        final String key;
        short[] pcm;
        long start;
        int count;

        Gather(String key) {
            this.key = key;
        }
    }

    /** Samples gathered per stream before they are queued as one event. */
    static final int GATHER_SAMPLES = 480;

    private record Timing(String key, long position, Instant wallClock, boolean rtcp) implements Event {
    }

    private record Dtmf(String key, char digit, long position, int durationMillis) implements Event {
    }

    private record Metadata(byte[] body, RecordingSession parsed) implements Event {
    }

    private record Updated(RecordingSession state) implements Event {
    }

    private record Note(String text) implements Event {

    }


    private record Stats(StreamSummary summary) implements Event {
    }

    private record Flush(CompletableFuture<Void> done) implements Event {
    }

    /** Forcing the first {@code session.json} to the device failed: the session's storage is failing. */
    private record ForceFailed(IOException cause) implements Event {
    }

    /** @param sinkStopping the sink itself ends the session (it is stopping), not the session layer */
    private record End(EndReason reason, boolean sinkStopping) implements Event {
    }

    private final SessionRecorder recorder;
    private final int queueSeconds;
    private final long flushNanos;
    private final Runnable onWriteFailure;
    private final Runnable onFinished;
    private final Queue<Event> queue = new ConcurrentLinkedQueue<>();
    /**
     * Audio being gathered, by stream; guarded by itself. Every other event queues what is gathered
     * first, so the queue keeps the order of the calls.
     */
    private final java.util.List<Gather> gathers = new java.util.ArrayList<>(2);
    private final AtomicLong pendingSamples = new AtomicLong();
    private final AtomicLong capacitySamples = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    /** Completes once the first {@code session.json} is on the device (see {@link #startForced}). */
    private volatile CompletableFuture<Void> started = CompletableFuture.completedFuture(null);
    /** Where the session is finalized once its end is drained (files forced, digests, final summary). */
    private volatile java.util.concurrent.Executor finalizer = Runnable::run;
    private volatile long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;
    private volatile boolean ending;
    private volatile Runnable wake = () -> { };
    private volatile RecordingSink.Control control;
    private long lastFlushNanos = System.nanoTime();

    SinkSession(SessionRecorder recorder, SinkSettings settings, Runnable onWriteFailure) {
        this(recorder, settings, onWriteFailure, () -> { });
    }

    /**
     * @param onFinished runs on the writer thread once the recording is finalized and before
     *                   {@link #end} returns or {@link #finished()} completes, so that whoever waits
     *                   for the end sees it counted and announced
     */
    SinkSession(SessionRecorder recorder, SinkSettings settings, Runnable onWriteFailure, Runnable onFinished) {
        this.onFinished = onFinished;
        this.recorder = recorder;
        this.queueSeconds = settings.queueSeconds();
        this.flushNanos = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMillis());
        this.onWriteFailure = onWriteFailure;
    }

    /** The server's side of the session, told when a write fails (disk full); may be {@code null}. */
    void control(RecordingSink.Control c) {
        this.control = c;
    }

    /**
     * Ties this session to the force of its first {@code session.json}, which runs elsewhere: the
     * end is announced ({@code onFinished}, {@link #finished()}, {@link #end} returning) only once
     * that force is done too, and a failed force fails the session's storage like a failed write.
     */
    void startForced(CompletableFuture<Void> force) {
        this.started = force.whenComplete((v, e) -> {
            if (e != null) {
                Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                queue.add(new ForceFailed(c instanceof IOException io ? io : new IOException(c.toString(), c)));
                wake.run();
            }
        });
    }

    /**
     * Finalizes on {@code where} instead of the writer thread: finalization waits for the device
     * (every file forced), which must not stall the other sessions of the same writer. After its end
     * is drained the writer never touches this session again, so the recorder changes hands safely.
     */
    void finalizeOn(java.util.concurrent.Executor where) {
        this.finalizer = where;
    }

    /** Sets what wakes the writer thread that owns this session. */
    void wakeWith(Runnable wakeUp) {
        this.wake = wakeUp;
    }

    SessionRecorder recorder() {
        return recorder;
    }

    /** @return audio samples dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    boolean isEnding() {
        return ending;
    }

    @Override
    public void streamAdded(MediaStream stream) {
        capacitySamples.addAndGet((long) Math.max(stream.sampleRate(), 0) * queueSeconds);
        offer(new Added(stream));
    }

    @Override
    public void streamRemoved(String streamKey) {
        offer(new Removed(streamKey));
        synchronized (gathers) {
            gathers.removeIf(g -> g.key.equals(streamKey) && g.count == 0);
        }
        wake.run();
    }

    @Override
    public void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count) {
        if (ending || count <= 0) {
            return;
        }
        if (pendingSamples.addAndGet(count) > capacitySamples.get()) {
            pendingSamples.addAndGet(-count);
            long d = dropped.addAndGet(count);
            long now = System.nanoTime();
            if (now - lastWarnNanos >= WARN_EVERY_NANOS) {
                lastWarnNanos = now;
                LOG.warn("session {}: writer queue full, {} samples dropped so far (the writer threads are behind: disk or CPU too slow)", recorder.document().session.id(), d);
            }
            return;
        }
        synchronized (gathers) {
            Gather g = gather(streamKey);
            if (g.count > 0 && (samplePosition != g.start + g.count || g.count + count > g.pcm.length)) {
                publish(g);
            }
            if (g.pcm == null) {
                g.pcm = new short[Math.max(GATHER_SAMPLES, count)];
            }
            if (g.count == 0) {
                g.start = samplePosition;
            }
            System.arraycopy(pcm, offset, g.pcm, g.count, count);
            g.count += count;
            if (g.count == g.pcm.length) {
                publish(g);
            }
        }
    }

    /** The gather of {@code key}, made on its first audio; under {@code gathers}. */
    private Gather gather(String key) {
        for (int i = 0; i < gathers.size(); i++) {
            Gather g = gathers.get(i);
            if (g.key.equals(key)) {
                return g;
            }
        }
        Gather g = new Gather(key);
        gathers.add(g);
        return g;
    }

    /** Queues what {@code g} gathered; its array goes with it. Under {@code gathers}. */
    private void publish(Gather g) {
        if (g.count > 0) {
            queue.add(new Audio(g.key, g.start, g.pcm, g.count));
        }
        g.pcm = null;
        g.count = 0;
    }

    /** Queues {@code e} after every stream's gathered audio. */
    private void enqueue(Event e) {
        synchronized (gathers) {
            for (int i = 0; i < gathers.size(); i++) {
                publish(gathers.get(i));
            }
            queue.add(e);
        }
    }

    @Override
    public void timing(String streamKey, long samplePosition, Instant wallClock, boolean fromRtcp) {
        offer(new Timing(streamKey, samplePosition, wallClock, fromRtcp));
    }

    @Override
    public void dtmf(String streamKey, char digit, long samplePosition, int durationMillis) {
        offer(new Dtmf(streamKey, digit, samplePosition, durationMillis));
    }

    @Override
    public void metadata(int version, byte[] body, RecordingSession parsed) {
        offer(new Metadata(body.clone(), parsed));
    }

    @Override
    public void updated(RecordingSession state) {
        offer(new Updated(state));
    }

    @Override
    public void note(String text) {
        if (text != null && !text.isBlank()) {
            offer(new Note(text));
        }
    }

    @Override
    public void statistics(StreamSummary summary) {
        offer(new Stats(summary));
    }

    /** Waits until everything queued so far is written and the headers are up to date. */
    void flushNow() throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        offer(new Flush(done));
        wake.run();
        await(done);
    }

    /** Finalizes and waits for the writer to have done so. */
    @Override
    public void end(EndReason reason) {
        if (!requestEnd(reason)) {
            return;
        }
        try {
            await(finished);
        } catch (IOException e) {
            LOG.error("session {}: finalization did not complete: {}", recorder.document().session.id(), e.getMessage());
        }
    }

    /** Queues the end without waiting; {@code false} if it was already requested. */
    boolean requestEnd(EndReason reason) {
        return requestEnd(reason, false);
    }

    /**
     * As {@link #requestEnd(EndReason)}; with {@code sinkStopping} the recording is marked
     * {@code interrupted} whatever the reason: the sink went away under a session still going on.
     */
    boolean requestEnd(EndReason reason, boolean sinkStopping) {
        synchronized (this) {
            if (ending) {
                return false;
            }
            ending = true;
        }
        enqueue(new End(reason, sinkStopping));
        wake.run();
        return true;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    private void offer(Event e) {
        if (!ending) {
            enqueue(e);
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get(END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the writer", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("writer did not finish: " + e, e);
        }
    }

    /**
     * Writer thread: applies the queued events, flushes when due.
     *
     * @return {@code true} once the session is finalized
     */
    boolean drain(long nowNanos) {
        if (applyQueued()) {
            return true;
        }
        if (nowNanos - lastFlushNanos >= flushNanos) {
            lastFlushNanos = nowNanos;
            // the flush covers the audio received so far, gathered or not
            synchronized (gathers) {
                for (int i = 0; i < gathers.size(); i++) {
                    publish(gathers.get(i));
                }
            }
            if (applyQueued()) {
                return true;
            }
            guarded(recorder::flush);
        }
        return false;
    }

    /** @return {@code true} once the end was taken (the session is finalized elsewhere) */
    private boolean applyQueued() {
        Event e;
        while ((e = queue.poll()) != null) {
            if (e instanceof End end) {
                try {
                    finalizer.execute(() -> finish(end));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    finish(end);
                }
                return true;
            }
            apply(e);
        }
        return false;
    }

    private void finish(End end) {
        try {
            recorder.end(end.reason(), end.sinkStopping());
        } catch (RuntimeException ex) {
            LOG.error("session {}: finalization failed", recorder.document().session.id(), ex);
        } finally {
            // normally done long ago; else the force's thread announces the end when it is done
            started.handle((v, e) -> null).thenRun(this::announce);
        }
    }

    private void announce() {
        try {
            onFinished.run();
        } catch (RuntimeException ex) {
            LOG.error("session {}: after finalization", recorder.document().session.id(), ex);
        }
        finished.complete(null);
    }

    private void apply(Event e) {
        if (e instanceof Audio a) {
            pendingSamples.addAndGet(-a.count());
            guarded(() -> recorder.audio(a.key(), a.position(), a.pcm(), a.count()));
        } else if (e instanceof Added a) {
            guarded(() -> recorder.streamAdded(a.stream()));
        } else if (e instanceof Removed r) {
            guarded(() -> recorder.streamRemoved(r.key()));
        } else if (e instanceof Timing t) {
            recorder.timing(t.key(), t.position(), t.wallClock(), t.rtcp());
        } else if (e instanceof Dtmf d) {
            recorder.dtmf(d.key(), d.digit(), d.position(), d.durationMillis());
        } else if (e instanceof Metadata m) {
            guarded(() -> recorder.metadata(m.body(), m.parsed()));
        } else if (e instanceof Updated u) {
            recorder.updated(u.state());
        } else if (e instanceof Note n) {
            recorder.note(n.text());
        } else if (e instanceof Stats s) {
            recorder.statistics(s.summary());
        } else if (e instanceof ForceFailed f) {
            guarded(() -> {
                throw f.cause();
            });
        } else if (e instanceof Flush f) {
            guarded(recorder::flush);
            f.done().complete(null);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void guarded(IoAction action) {
        try {
            action.run();
        } catch (IOException ex) {
            boolean first = !recorder.failed();
            recorder.fail(ex);
            onWriteFailure.run();
            RecordingSink.Control c = control;
            if (first && c != null) {
                try {
                    c.storageFailed(ex.getMessage() == null ? ex.toString() : ex.getMessage());
                } catch (RuntimeException cex) {
                    LOG.warn("session {}: the server could not be told of the write failure: {}",
                            recorder.document().session.id(), cex.toString());
                }
            }
        } catch (RuntimeException ex) {
            LOG.error("session {}: recording failed", recorder.document().session.id(), ex);
            recorder.fail(new IOException(ex.toString(), ex));
        }
    }
}
