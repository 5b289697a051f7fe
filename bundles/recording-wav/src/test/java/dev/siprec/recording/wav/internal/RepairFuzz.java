package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the start-up WAV repairer (issue 9): seeds under {@code RepairFuzzInputs/repair/},
 * replayed as regression tests in {@code mvn verify}, fuzzed with {@code JAZZER_FUZZ=1}
 * (docs/security.md). Input layout: two bytes giving the length of the {@code session.json} text,
 * that text, then the bytes of {@code stream-a.wav}. Only the declared {@link IOException} may
 * escape; a file this sink's layout recognises ends with a header that matches its size, and the
 * folder ends {@code interrupted} with a readable {@code session.json}.
 */
class RepairFuzz {
    private static final long RF64_THRESHOLD = 4096;

    @FuzzTest(maxDuration = "10m")
    void repair(byte[] in) throws IOException {
        if (in.length < 2) {
            return;
        }
        int jsonLength = Math.min(((in[0] & 0xFF) << 8) | (in[1] & 0xFF), in.length - 2);
        byte[] json = Arrays.copyOfRange(in, 2, 2 + jsonLength);
        byte[] wav = Arrays.copyOfRange(in, 2 + jsonLength, in.length);
        Path root = Files.createTempDirectory("repair-fuzz");
        try {
            Path folder = Files.createDirectories(root.resolve("2026-12-03").resolve("20261203T120000Z-fuzz"));
            Files.write(folder.resolve(FileFacts.SESSION_JSON), json);
            Path stream = folder.resolve("stream-a.wav");
            Files.write(stream, wav);
            Repairer repairer = new Repairer(RF64_THRESHOLD);
            for (Path f : repairer.findActive(root)) {
                try {
                    if (!repairer.repairIfStillActive(f)) {
                        continue;
                    }
                } catch (IOException declared) {
                    return;
                }
                Map<String, Object> doc = SessionFolders.read(f);
                assertEquals(SessionDocument.INTERRUPTED, doc.get("state"));
                checkHeader(stream);
            }
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A file in this sink's layout has a header that describes its whole data, after repair. */
    private static void checkHeader(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) < WavHeader.SIZE) {
            return;
        }
        WavHeader.Info info;
        try (FileChannel ch = FileChannel.open(file)) {
            info = WavHeader.read(ch);
        } catch (IOException notOurs) {
            return;
        }
        if (info.dataOffset() == WavHeader.DATA_OFFSET && info.bitsPerSample() == 16 && info.channels() >= 1
                && info.channels() <= 2) {
            assertEquals(Files.size(file) - WavHeader.DATA_OFFSET, info.dataSize(), "data size after repair");
        }
    }
}
