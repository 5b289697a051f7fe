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
 * {@code interrupted} and {@code endedAt} = the last modification of the folder's files.
 */
final class Repairer {
    private static final Logger LOG = LoggerFactory.getLogger(Repairer.class);

    private final long rf64Threshold;

    Repairer(long rf64Threshold) {
        this.rf64Threshold = rf64Threshold;
    }

    /** @return the folders found {@code active} under {@code root}. */
    List<Path> findActive(Path root) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path date : SessionFolders.dates(root)) {
            for (Path folder : SessionFolders.sessions(date)) {
                try {
                    if (SessionDocument.ACTIVE.equals(SessionFolders.read(folder).get("state"))) {
                        out.add(folder);
                    }
                } catch (IOException e) {
                    LOG.warn("cannot read the summary of {}: {}", folder, e.getMessage());
                }
            }
        }
        return out;
    }

    /** Repairs one folder left active. */
    void repair(Path folder) throws IOException {
        Map<String, Object> doc = SessionFolders.read(folder);
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
            last = Files.getLastModifiedTime(folder.resolve(FileFacts.SESSION_JSON));
        }
        updateStreams(folder, doc);
        doc.put("endedAt", last.toInstant().toString());
        doc.put("state", SessionDocument.INTERRUPTED);
        doc.put("error", "recovered at start-up after an unclean stop");
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
