package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.StreamSummary;

/**
 * The files of one recording session, driven by one writer thread: stream files, the stereo mix,
 * metadata bodies and {@code session.json}. A write failure (full disk) stops this session's files
 * cleanly, keeping what was written with true headers.
 */
final class SessionRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);
    static final String STEREO_FILE = "stereo.wav";
    /** Counters alone rewrite {@code session.json} at most this often. */
    static final long COUNTERS_EVERY_MILLIS = 10_000;

    private final SinkSettings settings;
    private final Storage storage;
    private final Path folder;
    private final Clock clock;
    private final SessionDocument doc;
    private final Map<String, StreamTrack> tracks = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();
    /** Streams removed by a re-INVITE: their files are final, later audio for them is dropped. */
    private final Set<String> removed = new HashSet<>();
    private StereoMixer mixer;
    private WavWriter stereoWriter;
    private boolean dirty;
    private boolean countersChanged;
    private long lastCountersWrite;
    private boolean failed;
    private boolean ended;
    private long unknownStreamAudio;
    private java.util.function.LongConsumer written = n -> { };
    /** With {@code force.start=false}: the date folder to force at the end, and the mark of this folder's making. */
    private DirectoryForces entryForces;
    private long folderMade;

    SessionRecorder(SinkSettings settings, Storage storage, Path folder, RecordingSession session, Clock clock) {
        this.settings = settings;
        this.storage = storage;
        this.folder = folder;
        this.clock = clock;
        this.doc = new SessionDocument(session);
        if (doc.startedAt == null) {
            doc.startedAt = clock.instant();
        }
        taken.add(FileFacts.SESSION_JSON);
        taken.add(STEREO_FILE);
    }

    /** Adds the bytes of the metadata files and {@code session.json} versions written to {@code counter}. */
    void countWith(java.util.function.LongConsumer counter) {
        this.written = counter;
    }

    Path folder() {
        return folder;
    }

    /** @return {@code active}, or after {@link #end} the final state, {@code complete} or {@code interrupted} */
    String state() {
        return doc.state;
    }

    boolean failed() {
        return failed;
    }

    boolean ended() {
        return ended;
    }

    /** Writes the first {@code session.json} (state active), forced. */
    void start() throws IOException {
        writeJson();
    }

    /**
     * Writes the first {@code session.json} (state active) without forcing it: the caller forces it
     * with {@link #forceStart(DirectoryForces, long)} off the thread that answers the INVITE. Until then a crash may lose
     * the summary (missing, empty or torn); the start-up repair rebuilds it from the folder's files.
     */
    void startUnforced() throws IOException {
        writeJson(false);
    }

    /**
     * Forces the first {@code session.json}, the session's folder (the entry of the renamed summary)
     * and the date folder (the entry of the session's folder) to the device. Safe to run on any
     * thread at any time: a summary renamed over since is forced instead, which does no harm.
     *
     * @param folderMade the {@linkplain DirectoryForces#mark() mark} taken once this session's folder was made:
     *                   a force of the date folder that started after it, for any session, covers this one
     */
    void forceStart(DirectoryForces directories, long folderMade) throws IOException {
        FileFacts.forceExisting(folder.resolve(FileFacts.SESSION_JSON));
        FileFacts.forceDirectoryOrFail(folder);
        directories.force(folder.getParent(), folderMade); // shared by the sessions opening meanwhile in the same date folder
    }

    /**
     * No force at start ({@code force.start=false}): the end forces the date folder too, after the
     * final summary, so that a finalized recording is reachable after a power loss as with the
     * forces at start.
     */
    void forceFolderEntryAtEnd(DirectoryForces directories, long made) {
        this.entryForces = directories;
        this.folderMade = made;
    }

    void streamAdded(MediaStream stream) throws IOException {
        if (failed || tracks.containsKey(stream.key())) {
            return;
        }
        if (stream.sampleRate() < 1000 || stream.sampleRate() > 384_000) {
            LOG.warn("session {}: stream {} has an unusable sample rate {}, not recorded", doc.session.id(), stream.key(),
                    stream.sampleRate());
            return;
        }
        String base = "stream-" + (stream.label() != null ? Names.sanitize(stream.label(), "label", 48) : "m" + stream.mLineIndex());
        String name = Names.uniqueFile(taken, base, ".wav");
        WavWriter w = new WavWriter(storage, Names.inside(folder, name), 1, stream.sampleRate(), settings.rf64ThresholdBytes());
        StreamTrack track = new StreamTrack(stream, name, w);
        tracks.put(stream.key(), track);
        doc.tracks.add(track);
        if (settings.stereo() && tracks.size() == 2) {
            startStereo();
        }
        dirty = true;
    }

    private void startStereo() throws IOException {
        StreamTrack[] pair = tracks.values().toArray(new StreamTrack[0]);
        boolean firstLeft = StereoLayout.firstIsLeft(doc.session, pair[0].stream(), pair[1].stream());
        StreamTrack left = firstLeft ? pair[0] : pair[1];
        StreamTrack right = firstLeft ? pair[1] : pair[0];
        int rate = StereoMixer.outputRate(left.stream().sampleRate(), right.stream().sampleRate());
        stereoWriter = new WavWriter(storage, Names.inside(folder, STEREO_FILE), 2, rate, settings.rf64ThresholdBytes());
        mixer = new StereoMixer(stereoWriter, left.stream().sampleRate(), left.position(), right.stream().sampleRate(),
                right.position(), settings.alignWindowMillis());
        left.attach(mixer, 0);
        right.attach(mixer, 1);
        doc.stereo = new SessionDocument.Stereo(STEREO_FILE, left.stream().key(), right.stream().key(), rate);
        doc.stereoAlignment = "pending";
    }

    /** Finalizes a removed or replaced stream's file now (forced, true header); the track stays in the summary. */
    void streamRemoved(String key) throws IOException {
        StreamTrack t = tracks.get(key);
        if (t == null || !removed.add(key) || failed) {
            return;
        }
        t.writer().finish();
        dirty = true;
        LOG.debug("session {}: stream {} removed, {} finalized", doc.session.id(), key, t.writer());
    }

    void audio(String key, long position, short[] pcm, int count) throws IOException {
        if (removed.contains(key)) {
            return;
        }
        StreamTrack t = tracks.get(key);
        if (t == null) {
            if (unknownStreamAudio++ == 0) {
                LOG.warn("session {}: audio for unknown stream {} dropped", doc.session.id(), key);
            }
            return;
        }
        if (!failed) {
            t.audio(position, pcm, 0, count);
        }
    }

    void timing(String key, long position, java.time.Instant wallClock, boolean fromRtcp) {
        StreamTrack t = tracks.get(key);
        if (t != null) {
            t.timing(position, wallClock, fromRtcp);
        }
    }

    void dtmf(String key, char digit, long position, int durationMillis) {
        StreamTrack t = tracks.get(key);
        java.time.Instant at = null;
        String label = key;
        if (t != null) {
            at = t.wallClock(position);
            if (at == null) {
                at = doc.startedAt.plusNanos(Math.round(position * 1e9 / t.stream().sampleRate()));
            }
            label = t.stream().label() != null ? t.stream().label() : key;
        }
        doc.dtmf.add(new SessionDocument.Dtmf(label, digit, at, durationMillis));
        dirty = true;
    }

    void metadata(byte[] body, RecordingSession parsed) throws IOException {
        if (parsed != null) {
            doc.session = parsed;
        }
        if (!failed) {
            String name = Names.uniqueFile(taken, "metadata-" + (doc.metadataFiles.size() + 1), ".xml");
            // through the storage, as the WAVs: a full disk fails it the same way; forced at the end
            try (Storage.Output out = storage.create(Names.inside(folder, name))) {
                java.nio.ByteBuffer src = java.nio.ByteBuffer.wrap(body);
                while (src.hasRemaining()) {
                    out.write(src, src.position());
                }
            }
            written.accept(body.length);
            doc.metadataFiles.add(name);
        }
        dirty = true;
    }

    /** A remark of the session logic for the summary (e.g. streams mapped by m-line order). */
    void note(String text) {
        if (doc.notes.size() < SessionDocument.MAX_NOTES) {
            doc.notes.add(text.length() > SessionDocument.MAX_NOTE_LENGTH ? text.substring(0, SessionDocument.MAX_NOTE_LENGTH) : text);
            dirty = true;
        }
    }

    void updated(RecordingSession state) {
        doc.session = state;
        dirty = true;
    }

    void statistics(StreamSummary summary) {
        StreamTrack t = tracks.get(summary.streamKey());
        if (t != null) {
            t.summary(summary);
            countersChanged = true;
        }
    }

    /** Brings headers, the stereo mix and (when changed) {@code session.json} up to date. */
    void flush() throws IOException {
        if (failed) {
            return;
        }
        if (mixer != null) {
            mixer.pump();
            doc.stereoAlignment = mixer.alignment().name().toLowerCase(java.util.Locale.ROOT);
            doc.stereoOffsetMillis = mixer.leadSamples() * 1000.0 / stereoWriter.sampleRate();
        }
        for (Map.Entry<String, StreamTrack> e : tracks.entrySet()) {
            if (!removed.contains(e.getKey())) {
                e.getValue().writer().flush();
            }
        }
        if (stereoWriter != null) {
            stereoWriter.flush();
        }
        long now = clock.millis();
        if (dirty || countersChanged && now - lastCountersWrite >= COUNTERS_EVERY_MILLIS) {
            lastCountersWrite = now;
            writeJson(false);
        }
    }

    /** Finalizes: mixes the rest, forces every file, digests, final {@code session.json}. */
    void end(EndReason reason) {
        end(reason, false);
    }

    /**
     * Finalizes the session. A graceful stop of the server ({@code SHUTDOWN}) sent BYE and ended the
     * session like any other end: the recording is {@code complete}. It is {@code interrupted} after
     * a failure, or when the sink itself stops under a session still going on ({@code sinkStopping}).
     */
    void end(EndReason reason, boolean sinkStopping) {
        if (ended) {
            return;
        }
        ended = true;
        doc.endedAt = clock.instant();
        doc.endReason = reason.name();
        doc.state = failed || sinkStopping || reason == EndReason.ERROR
                || reason == EndReason.STORAGE_FAILURE ? SessionDocument.INTERRUPTED : SessionDocument.COMPLETE;
        if (!failed) {
            try {
                if (mixer != null) {
                    mixer.finish();
                    doc.stereoAlignment = mixer.alignment().name().toLowerCase(java.util.Locale.ROOT);
                    doc.stereoOffsetMillis = mixer.leadSamples() * 1000.0 / stereoWriter.sampleRate();
                    stereoWriter.finish();
                }
                for (StreamTrack t : tracks.values()) {
                    t.writer().finish();
                }
                // the metadata bodies too, before the summary that lists their digests says complete
                for (String name : doc.metadataFiles) {
                    try (Storage.Output out = storage.openExisting(Names.inside(folder, name))) {
                        out.force();
                    }
                }
            } catch (IOException e) {
                fail(e);
                doc.state = SessionDocument.INTERRUPTED;
            }
        }
        closeAll();
        try {
            doc.files = FileFacts.describe(folder);
        } catch (IOException e) {
            LOG.error("session {}: cannot list or digest the files of {}: {}", doc.session.id(), folder, e.toString());
        }
        try {
            writeJson();
        } catch (IOException e) {
            LOG.error("session {}: cannot write the final {} in {}: {}", doc.session.id(), FileFacts.SESSION_JSON, folder, e.toString());
        }
        if (entryForces != null) {
            try {
                entryForces.force(folder.getParent(), folderMade); // shared with the sessions ending meanwhile
            } catch (IOException e) {
                LOG.error("session {}: cannot force the date folder {} to the device: {}", doc.session.id(), folder.getParent(), e.toString());
            }
        }
        if (SessionDocument.COMPLETE.equals(doc.state)) {
            LOG.debug("session {}: recording {} ({}) in {}", doc.session.id(), doc.state, reason, folder); // the call's end is logged once, by the session layer
        } else {
            LOG.info("session {}: recording {} ({}) in {}", doc.session.id(), doc.state, reason, folder);
        }
    }

    /** Stops this session's files after a write failure; what was written stays readable. */
    void fail(IOException cause) {
        if (failed) {
            return;
        }
        failed = true;
        doc.error = "write failed: " + cause.getMessage();
        LOG.error("session {}: writing to {} failed, recording stopped, files kept: {}", doc.session.id(), folder, cause.toString());
        closeAll();
        try {
            writeJson();
        } catch (IOException e) {
            LOG.error("session {}: cannot update {}: {}", doc.session.id(), FileFacts.SESSION_JSON, e.toString());
        }
    }

    /** Closes every file with its header fixed, without forcing. */
    private void closeAll() {
        for (StreamTrack t : tracks.values()) {
            t.writer().close();
        }
        if (stereoWriter != null) {
            stereoWriter.close();
        }
    }

    /** Drops every file handle as {@code kill -9} would (tests of start-up repair). */
    void abandon() {
        ended = true;
        for (StreamTrack t : tracks.values()) {
            t.writer().abandon();
        }
        if (stereoWriter != null) {
            stereoWriter.abandon();
        }
    }

    /** The first and the final summary are forced to the device; interim ones are not. */
    private void writeJson() throws IOException {
        writeJson(true);
    }

    private void writeJson(boolean force) throws IOException {
        byte[] json = Json.writeUtf8(doc.toMap());
        FileFacts.writeAtomically(folder.resolve(FileFacts.SESSION_JSON), json, force);
        written.accept(json.length);
        dirty = false;
        countersChanged = false;
    }

    SessionDocument document() {
        return doc;
    }
}
