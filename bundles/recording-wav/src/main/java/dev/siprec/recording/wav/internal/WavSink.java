package dev.siprec.recording.wav.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.siprec.events.api.SiprecEvents;
import dev.siprec.stats.api.StatisticsSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.RecordingStore;

/**
 * The WAV recording sink ({@code recording.sink=wav}): one folder per recording session under
 * {@code <directory>/<yyyy-mm-dd>/} (UTC), see {@code docs/recording-format.md}. Refuses new sessions
 * while the file store is below {@code min.free.bytes} or after a write failure until space is back.
 * On activation, sessions left {@code active} by a crash are repaired in the background.
 */
@Component(service = {RecordingSink.class, RecordingStore.class, StatisticsSource.class}, configurationPid = WavSink.PID,
        property = RecordingSink.SINK + "=wav")
@Designate(ocd = WavSinkConfig.class)
public final class WavSink implements RecordingSink, RecordingStore, StatisticsSource {
    static final String PID = "dev.siprec.recording.wav";
    static final String DATA_PROPERTY = "siprec.data";
    private static final Logger LOG = LoggerFactory.getLogger(WavSink.class);
    private static final int PROBE_BYTES = 64 * 1024;
    /**
     * Threads forcing each new session's first {@code session.json} and folders to the device, off
     * the thread that answers the INVITE, and finalizing ended sessions (every file forced, digests,
     * final summary), off the writer threads. They spend their time in {@code fsync}, and concurrent
     * fsyncs share the file system's journal commits (measured here: about 270/s from one thread,
     * 2,000/s from 8, 5,000/s from 32), so there are more of them than cores.
     */
    static final int FORCE_THREADS = 32;

    private final String dataProperty;
    private final Storage storage;
    private final Storage uncounted;
    private final Clock clock;
    private final WriterPool pool;
    private final java.util.concurrent.ThreadPoolExecutor forcer;
    private final DirectoryForces directories;
    private final int writerThreads;
    private final Set<Path> openFolders = ConcurrentHashMap.newKeySet();
    /** The date folder last made or found, so that the next sessions of the day skip its {@code mkdir}. */
    private volatile Path knownDay;
    private volatile SinkSettings settings;
    private volatile Thread repair;
    private final AtomicBoolean writeFailed = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private volatile boolean stopped;
    private final AtomicLong refused = new AtomicLong();
    private volatile long lastRefusalLog;
    private volatile long lastCheckFailureLog = System.nanoTime() - REFUSAL_LOG_NANOS;
    private static final long REFUSAL_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Where {@link SiprecEvents#TOPIC_RECORDING_FINALIZED} goes; optional. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin events;
    private volatile String node = "localhost";
    private final LongAdder completed = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    /** Recording bytes written (audio, headers, metadata, session.json), {@code bytes.written}. */
    private final LongAdder bytesWritten = new LongAdder();

    @Activate
    public WavSink(BundleContext context, WavSinkConfig config) {
        this(context.getProperty(DATA_PROPERTY), settings(context.getProperty(DATA_PROPERTY), config), Storage.FILES,
                Clock.systemUTC(), config.writer_threads());
        this.node = SiprecEvents.nodeName(context.getProperty(SiprecEvents.NODE_PROPERTY));
    }

    WavSink(SinkSettings settings, Storage storage, Clock clock, int writerThreads) {
        this(null, settings, storage, clock, writerThreads, new DirectoryForces());
    }

    /** With the date folders forced through {@code directories} (tests watch the forces). */
    WavSink(SinkSettings settings, Storage storage, Clock clock, int writerThreads, DirectoryForces directories) {
        this(null, settings, storage, clock, writerThreads, directories);
    }

    private WavSink(String dataProperty, SinkSettings settings, Storage storage, Clock clock, int writerThreads) {
        this(dataProperty, settings, storage, clock, writerThreads, new DirectoryForces());
    }

    private WavSink(String dataProperty, SinkSettings settings, Storage storage, Clock clock, int writerThreads,
                    DirectoryForces directories) {
        this.directories = directories;
        this.dataProperty = dataProperty;
        this.settings = settings;
        this.uncounted = storage;
        this.storage = storage.counting(bytesWritten::add);
        this.clock = clock;
        this.writerThreads = writerThreads;
        this.pool = new WriterPool(writerThreads, "wav-writer");
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.forcer = new java.util.concurrent.ThreadPoolExecutor(FORCE_THREADS, FORCE_THREADS, 30, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "wav-force-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.forcer.allowCoreThreadTimeOut(true);
        useDirectory(settings);
    }

    /**
     * Applies a new configuration to the sessions that open from now on; open sessions keep theirs.
     * {@code writer.threads} takes effect at the next activation.
     */
    @Modified
    void modified(WavSinkConfig config) {
        SinkSettings next = settings(dataProperty, config);
        SinkSettings previous = settings;
        settings = next;
        if (config.writer_threads() != writerThreads) {
            LOG.warn("writer.threads {} takes effect when the sink restarts ({} threads running)", config.writer_threads(), writerThreads);
        }
        if (!next.directory().equals(previous.directory())) {
            useDirectory(next);
        } else {
            LOG.info("WAV recording sink configuration updated");
        }
    }

    private void useDirectory(SinkSettings s) {
        try {
            Files.createDirectories(s.directory());
        } catch (IOException e) {
            LOG.error("recording directory {} cannot be created, sessions will be refused until it can: {}", s.directory(), e.toString());
        }
        Thread previous = repair;
        if (previous != null) {
            previous.interrupt();
        }
        Thread t = new Thread(() -> repairAll(s), "wav-repair");
        t.setDaemon(true);
        repair = t;
        t.start();
        LOG.info("WAV recording sink writing to {} (stereo {}, flush every {} ms)", s.directory(), s.stereo(), s.flushIntervalMillis());
    }

    static SinkSettings settings(String dataProperty, WavSinkConfig c) {
        Path dir;
        if (c.directory() == null || c.directory().isBlank()) {
            String data = dataProperty == null || dataProperty.isBlank() ? "./data" : dataProperty;
            dir = Paths.get(data, "recordings");
        } else {
            dir = Paths.get(c.directory());
        }
        return new SinkSettings(dir.toAbsolutePath().normalize(), c.flush_interval_ms(), c.min_free_bytes(), c.stereo(),
                c.rf64_threshold_bytes(), c.stereo_align_window_ms(), c.queue_seconds(), c.force_start());
    }

    @Override
    public Session open(RecordingSession session) throws IOException {
        return open(session, null);
    }

    /** Opens the session's folder; a write failure later (disk full) is reported to {@code control}. */
    @Override
    public Session open(RecordingSession session, Control control) throws IOException {
        if (stopped) {
            throw new IOException("the WAV recording sink is stopping");
        }
        SinkSettings settings = this.settings;
        checkSpace(settings);
        Instant started = session.startedAt() != null ? session.startedAt() : clock.instant();
        Path day = settings.directory().resolve(started.atZone(ZoneOffset.UTC).toLocalDate().toString());
        Path folder = createFolder(day, session.id() != null ? session.id() : session.callId());
        long folderMade = directories.mark(); // after the folder's entry is in the date folder
        openFolders.add(folder);
        SessionRecorder recorder = new SessionRecorder(settings, storage, folder, session, clock);
        recorder.countWith(bytesWritten::add);
        try {
            recorder.startUnforced(); // forced below, off this thread
        } catch (IOException e) {
            LOG.error("session {}: cannot write {} in {}: {}", session.id(), FileFacts.SESSION_JSON, folder, e.toString());
            writeFailed();
            openFolders.remove(folder);
            Files.deleteIfExists(folder);
            throw e;
        }
        SinkSession s = new SinkSession(recorder, settings, this::writeFailed, () -> {
            openFolders.remove(folder);
            finalized(session, folder, recorder.state());
        });
        s.control(control);
        s.finalizeOn(forcer);
        Runnable force = () -> {
            try {
                recorder.forceStart(directories, folderMade);
            } catch (IOException e) {
                LOG.error("session {}: cannot force {} in {} to the device: {}", session.id(), FileFacts.SESSION_JSON, folder, e.toString());
                throw new java.io.UncheckedIOException(e);
            }
        };
        if (settings.forceStart()) {
            CompletableFuture<Void> forced;
            try {
                forced = CompletableFuture.runAsync(force, forcer);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                forced = CompletableFuture.runAsync(force, Runnable::run); // the sink is stopping: force here
            }
            s.startForced(forced);
        } else {
            recorder.forceFolderEntryAtEnd(directories, folderMade); // force.start=false: the date folder at the end
        }
        boolean assigned = false;
        synchronized (lifecycle) {
            if (!stopped) {
                pool.assign(s);
                assigned = true;
            }
        }
        if (assigned) {
            LOG.debug("session {}: recording to {}", session.id(), folder); // outside the lock: every open takes it; INFO per call is the session layer's
            return s;
        }
        recorder.end(EndReason.SHUTDOWN, true);
        throw new IOException("the WAV recording sink is stopping");
    }

    /**
     * Makes the session's folder under {@code day}, making {@code day} (and the recording
     * directory) first when they are not known to exist: one {@code mkdir} per session instead of
     * three. A date folder removed meanwhile (a clean-up job) is made again.
     */
    private Path createFolder(Path day, String name) throws IOException {
        if (!day.equals(knownDay)) {
            Files.createDirectories(day);
            knownDay = day;
        }
        try {
            return Names.createUniqueFolder(day, name);
        } catch (java.nio.file.NoSuchFileException gone) {
            Files.createDirectories(day);
            return Names.createUniqueFolder(day, name);
        }
    }

    /** Counts a finalized recording and posts {@link SiprecEvents#TOPIC_RECORDING_FINALIZED} with its folder. */
    private void finalized(RecordingSession session, Path folder, String state) {
        (SessionDocument.COMPLETE.equals(state) ? completed : interrupted).increment();
        EventAdmin ea = events;
        if (ea == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(SiprecEvents.NODE, node);
        p.put(SiprecEvents.TIMESTAMP, clock.millis());
        p.put(SiprecEvents.SINK, "wav");
        if (session.id() != null) {
            p.put(SiprecEvents.SESSION_ID, session.id());
        }
        if (session.callId() != null) {
            p.put(SiprecEvents.CALL_ID, session.callId());
        }
        p.put(SiprecEvents.RECORDING_FOLDER, folder.toString());
        p.put(SiprecEvents.RECORDING_SUMMARY, folder.resolve(FileFacts.SESSION_JSON).toString());
        p.put(SiprecEvents.RECORDING_STATE, state);
        try {
            ea.postEvent(new Event(SiprecEvents.TOPIC_RECORDING_FINALIZED, p));
        } catch (RuntimeException e) {
            LOG.warn("session {}: the recording-finalized event could not be posted: {}", session.id(), e.toString());
        }
    }

    @Override
    public String scope() {
        return SCOPE_SINK;
    }

    @Override
    public String name() {
        return "wav";
    }

    /** @return counters of this sink for {@code siprec:stats} (scope {@code sink}) */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("recordings.open", (long) openFolders.size());
        m.put("recordings.complete", completed.sum());
        m.put("recordings.interrupted", interrupted.sum());
        m.put("sessions.refused", refused.get());
        m.put("bytes.written", bytesWritten.sum());
        return m;
    }

    private void checkSpace(SinkSettings settings) throws IOException {
        Path dir = settings.directory();
        try {
            Path day = knownDay;
            if (day == null || !day.startsWith(dir)) {
                Files.createDirectories(dir); // else it exists: a date folder inside it was found
            }
            long free = freeSpace(dir);
            if (free >= 0 && free < settings.minFreeBytes()) {
                throw new IOException("recording directory " + dir + " has " + free + " bytes free, below min.free.bytes "
                        + settings.minFreeBytes());
            }
            if (writeFailed.get()) {
                probe(dir);
                writeFailed.set(false);
                LOG.info("recording directory {} is writable again, accepting sessions", dir);
            }
        } catch (IOException e) {
            long n = refused.incrementAndGet();
            long now = System.nanoTime();
            long last = lastRefusalLog;
            if (n == 1 || now - last >= REFUSAL_LOG_NANOS) {
                lastRefusalLog = now;
                LOG.error("recording session refused ({} so far): {}", n, e.getMessage());
            }
            throw e;
        }
    }

    /**
     * @return bytes free for this process where {@code dir} is, or {@code -1} when the check itself
     *         failed (e.g. {@code Files.getFileStore} reading the mount table while the process is short of
     *         file descriptors): that is no sign of a full disk, so it never refuses a session;
     *         a write that really fails still stops the sink ({@code writeFailed})
     */
    private long freeSpace(Path dir) {
        try {
            return storage.usableSpace(dir);
        } catch (IOException | RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastCheckFailureLog >= REFUSAL_LOG_NANOS) {
                lastCheckFailureLog = now;
                LOG.warn("free space of {} could not be read ({}); sessions are accepted meanwhile", dir, e.toString());
            }
            return -1;
        }
    }

    private void probe(Path dir) throws IOException {
        Path p = dir.resolve(".write-probe-" + Long.toHexString(System.nanoTime()));
        try (Storage.Output out = uncounted.create(p)) {
            out.write(ByteBuffer.allocate(PROBE_BYTES), 0);
        } catch (IOException e) {
            throw new IOException("recording directory " + dir + " is still not writable: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(p);
        }
    }

    private void writeFailed() {
        if (writeFailed.compareAndSet(false, true)) {
            LOG.error("writing recordings to {} failed: new sessions are refused until space is back", settings.directory());
        }
    }

    @Override
    public String directory() {
        return settings.directory().toString();
    }

    @Override
    public List<StoredRecording> recent(int count) throws IOException {
        return RecordingIndex.recent(settings.directory(), count);
    }

    private void repairAll(SinkSettings settings) {
        Repairer r = new Repairer(settings.rf64ThresholdBytes());
        try {
            for (Path folder : r.findActive(settings.directory())) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (openFolders.contains(folder)) {
                    continue;   // opened by this sink after the scan started, not a crash leftover
                }
                try {
                    r.repairIfStillActive(folder); // re-reads the state: a session may have ended since the scan
                } catch (IOException | RuntimeException e) {
                    LOG.error("cannot repair recording {}: {}", folder, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.error("cannot scan {} for interrupted recordings: {}", settings.directory(), e.toString());
        }
    }

    /** Waits for the start-up repair (tests). */
    boolean awaitRepair(long millis) throws InterruptedException {
        repair.join(millis);
        return !repair.isAlive();
    }

    /** Finalizes every open session (state {@code interrupted}, reason SHUTDOWN), then stops the writers. */
    @Deactivate
    public void deactivate() {
        List<SinkSession> open;
        synchronized (lifecycle) {
            stopped = true;
            open = pool.sessions();
        }
        repair.interrupt();
        for (SinkSession s : open) {
            s.requestEnd(EndReason.SHUTDOWN, true);
        }
        for (SinkSession s : open) {
            try {
                s.finished().get(SinkSession.END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.error("session in {} was not finalized at shutdown: {}", s.recorder().folder(), e.toString());
            }
        }
        awaitForces();
        pool.stop();
        LOG.info("WAV recording sink stopped ({} sessions finalized)", open.size());
    }

    /**
     * Waits for every pending force of a first {@code session.json} (and the ends announced after
     * them): what the sink accepted is on the device when it has stopped. Never interrupts a force
     * (an interrupted {@code FileChannel} closes and the force would fail).
     */
    private void awaitForces() {
        forcer.shutdown();
        try {
            if (!forcer.awaitTermination(SinkSession.END_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.error("forces of new sessions' summaries still running after {} s at stop", SinkSession.END_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops like {@code kill -9}: writers halt, files are dropped as they are on disk (tests). */
    void halt() {
        List<SinkSession> open;
        synchronized (lifecycle) {
            stopped = true;
            open = pool.sessions();
        }
        repair.interrupt();
        pool.stop();
        forcer.shutdownNow();
        for (SinkSession s : open) {
            s.recorder().abandon();
        }
    }
}
