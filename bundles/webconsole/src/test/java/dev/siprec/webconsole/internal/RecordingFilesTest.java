package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFilesTest {
    @TempDir
    Path tmp;

    @Test
    void resolvesAFileInsideTheRootOnly() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("recordings"));
        Path folder = Files.createDirectories(root.resolve("2026-12-03/call-1"));
        Files.write(folder.resolve("stereo.wav"), new byte[] {1, 2, 3});
        Files.write(folder.resolve("session.json"), "{}".getBytes());
        Files.write(tmp.resolve("secret.wav"), new byte[] {9});
        Files.createDirectories(tmp.resolve("2026-12-03/x"));
        Files.write(tmp.resolve("2026-12-03/x/out.wav"), new byte[] {9});
        RecordingFiles files = new RecordingFiles(root);

        assertEquals(folder.resolve("stereo.wav").toRealPath(), files.wav("2026-12-03", "call-1", "stereo.wav").orElseThrow());
        assertTrue(files.wav("2026-12-03", "call-1", "session.json").isEmpty(), "only WAV files");
        assertTrue(files.wav("2026-12-03", "call-1", "missing.wav").isEmpty());
        assertTrue(files.wav("2026-12-03", "..", "secret.wav").isEmpty());
        assertTrue(files.wav("..", "2026-12-03", "secret.wav").isEmpty());
        assertTrue(files.wav("2026-12-03", "call-1", "../../../secret.wav").isEmpty());
        assertTrue(files.wav("2026-12-03", "call-1/..", "stereo.wav").isEmpty());
        assertTrue(files.wav("2026-12-03", "call-1", "/etc/passwd.wav").isEmpty());
        assertTrue(files.wav("2026-12-03", "call-1", "stereo.wav\0").isEmpty());
        assertTrue(files.wav("2026-12-03", "call-1", ".hidden.wav").isEmpty());
        assertTrue(files.wav(null, null, null).isEmpty());
        assertTrue(files.wav("2026-12-03", "call%2F..", "stereo.wav").isEmpty());
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("recordings"));
        Path day = Files.createDirectories(root.resolve("2026-12-03"));
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.write(outside.resolve("a.wav"), new byte[] {1});
        Files.createSymbolicLink(day.resolve("linked"), outside);
        Path folder = Files.createDirectories(day.resolve("call-2"));
        Files.createSymbolicLink(folder.resolve("b.wav"), outside.resolve("a.wav"));
        RecordingFiles files = new RecordingFiles(root);
        assertTrue(files.wav("2026-12-03", "linked", "a.wav").isEmpty(), "folder link out of the root");
        assertTrue(files.wav("2026-12-03", "call-2", "b.wav").isEmpty(), "file link out of the root");
    }
}
