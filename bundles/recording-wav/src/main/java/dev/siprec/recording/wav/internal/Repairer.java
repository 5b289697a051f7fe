package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of sessions a crash left {@code active}: every WAV/RF64 header is rewritten from
 * the file's actual size, then {@code session.json} gets the files with their digests, state
 * {@code interrupted} and {@code endedAt} = the last modification of the folder's files. A
 * {@code session.json} that cannot be read (torn, not JSON) is rebuilt from the files themselves (the
 * unreadable one is kept as {@code session.json.unreadable}). The state is read again just before a
 * folder is repaired, so a session that ended after the scan is left as it is.
 */
final class Repairer {
    private static final Logger LOG = LoggerFactory.getLogger(Repairer.class);

    private final long rf64Threshold;

    Repairer(long rf64Threshold) {
        this.rf64Threshold = rf64Threshold;
    }

    /**
     * @return the folders found {@code active} under {@code root}, those whose summary cannot be read,
     *         and those holding recording files but no summary at all (the first {@code session.json} is
     *         forced to the device after the INVITE is answered: a power loss before that may lose it)
     */
    List<Path> findActive(Path root) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path date : SessionFolders.dates(root)) {
            out.addAll(withoutSummary(date));
            for (Path folder : SessionFolders.sessions(date)) {
                try {
                    if (SessionDocument.ACTIVE.equals(SessionFolders.read(folder).get("state"))) {
                        out.add(folder);
                    }
                } catch (IOException e) {
                    LOG.warn("cannot read the summary of {}: {}; it will be rebuilt from the files", folder, e.getMessage());
                    out.add(folder);
                }
            }
        }
        return out;
    }

    /** @return session folders of {@code date} with recording files (or a summary's temporary file) and no summary. */
    static List<Path> withoutSummary(Path date) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(date)) {
            for (Path folder : s.filter(Files::isDirectory).toList()) {
                if (!Files.exists(folder.resolve(FileFacts.SESSION_JSON)) && holdsRecordingFiles(folder)) {
                    out.add(folder);
                }
            }
        }
        return out;
    }

    private static boolean holdsRecordingFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.equals(FileFacts.SESSION_JSON + ".tmp")
                    || n.endsWith(".wav") || n.startsWith("metadata-") && n.endsWith(".xml"));
        }
    }

    /**
     * Repairs {@code folder} if it is still {@code active} (or its summary unreadable or missing) now.
     *
     * @return whether it was repaired
     */
    boolean repairIfStillActive(Path folder) throws IOException {
        Map<String, Object> doc;
        try {
            doc = SessionFolders.read(folder);
        } catch (IOException e) {
            rebuild(folder, e);
            return true;
        }
        if (!SessionDocument.ACTIVE.equals(doc.get("state"))) {
            LOG.debug("{} is {} now, not repaired", folder, doc.get("state"));
            return false;
        }
        repair(folder, doc, "recovered at start-up after an unclean stop");
        return true;
    }

    /** Repairs one folder left active. */
    void repair(Path folder) throws IOException {
        repair(folder, SessionFolders.read(folder), "recovered at start-up after an unclean stop");
    }

    /** Rebuilds an unreadable {@code session.json} from the folder's files. */
    private void rebuild(Path folder, IOException why) throws IOException {
        Path json = folder.resolve(FileFacts.SESSION_JSON);
        if (Files.exists(json)) {
            Files.move(json, folder.resolve(FileFacts.SESSION_JSON + ".unreadable"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("schemaVersion", SessionDocument.SCHEMA_VERSION);
        doc.put("id", folder.getFileName().toString());
        List<Object> streams = new java.util.ArrayList<>();
        List<String> metadata = new java.util.ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("stream-") && name.endsWith(".wav")) {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("file", name);
                    m.put("key", name.substring("stream-".length(), name.length() - ".wav".length()));
                    try {
                        m.put("sampleRate", (long) WavHeader.read(f).sampleRate());
                    } catch (IOException | IllegalArgumentException e) {
                        LOG.warn("cannot read {} in {}: {}", name, folder, e.getMessage());
                    }
                    streams.add(m);
                } else if (name.startsWith("metadata-") && name.endsWith(".xml")) {
                    metadata.add(name);
                }
            }
        }
        doc.put("streams", streams);
        doc.put("metadataFiles", metadata);
        boolean missing = why instanceof java.nio.file.NoSuchFileException;
        repair(folder, doc, missing ? "session.json was missing (lost before it reached the device); rebuilt from the files at start-up"
                : "session.json was unreadable (" + why.getMessage() + "); rebuilt from the files at start-up");
        LOG.warn("recording {}: {} session.json rebuilt from its files", folder, missing ? "missing" : "unreadable");
    }

    private void repair(Path folder, Map<String, Object> doc, String error) throws IOException {
        FileTime last = null;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                FileTime t = Files.getLastModifiedTime(f);
                if (!name.equals(FileFacts.SESSION_JSON) && !name.endsWith(".tmp")) {
                    last = last == null || t.compareTo(last) > 0 ? t : last;
                }
                if (name.endsWith(".wav")) {
                    fixHeader(f);
                    Files.setLastModifiedTime(f, t);
                }
            }
        }
        if (last == null) {
            last = Files.getLastModifiedTime(folder);
        }
        updateStreams(folder, doc);
        doc.put("endedAt", last.toInstant().toString());
        doc.put("state", SessionDocument.INTERRUPTED);
        doc.put("error", error);
        doc.put("files", FileFacts.describe(folder));
        FileFacts.writeAtomically(folder.resolve(FileFacts.SESSION_JSON), Json.write(doc));
        LOG.info("recording {} was left active by an unclean stop: headers repaired, marked interrupted", folder);
    }

    @SuppressWarnings("unchecked")
    private static void updateStreams(Path folder, Map<String, Object> doc) {
        if (!(doc.get("streams") instanceof List<?> streams)) {
            return;
        }
        for (Object o : streams) {
            if (o instanceof Map<?, ?> m && m.get("file") instanceof String file && m.get("sampleRate") instanceof Number rate
                    && rate.longValue() > 0) {
                try {
                    WavHeader.Info info = WavHeader.read(Names.inside(folder, file));
                    ((Map<String, Object>) m).put("samples", info.frames());
                    ((Map<String, Object>) m).put("durationMs", info.frames() * 1000 / rate.longValue());
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("cannot read {} in {}: {}", file, folder, e.getMessage());
                }
            }
        }
    }

    /** Rewrites the header of a file this sink wrote, from its actual size. */
    void fixHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < WavHeader.SIZE) {
                LOG.warn("{} is shorter than a header ({} bytes), left as is", file, size);
                return;
            }
            WavHeader.Info info;
            try {
                info = WavHeader.read(ch);
            } catch (IOException e) {
                LOG.warn("{}: {}, left as is", file, e.getMessage());
                return;
            }
            if (info.dataOffset() != WavHeader.DATA_OFFSET || info.bitsPerSample() != 16 || info.channels() < 1 || info.channels() > 2) {
                LOG.warn("{} does not have this sink's layout, left as is", file);
                return;
            }
            long data = size - WavHeader.DATA_OFFSET;
            data -= data % info.blockAlign();
            if (WavHeader.DATA_OFFSET + data < size) {
                ch.truncate(WavHeader.DATA_OFFSET + data);
            }
            boolean rf64 = info.rf64() || WavHeader.needsRf64(data, rf64Threshold);
            ByteBuffer header = WavHeader.build(info.channels(), info.sampleRate(), data, rf64);
            while (header.hasRemaining()) {
                ch.write(header, header.position());
            }
            ch.force(true);
        }
    }
}
