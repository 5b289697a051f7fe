package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSink;

/** Start-up repair after a crash, full disk, free-space floor, and a writer that never blocks the caller. */
class CrashAndDiskTest {
    @TempDir
    Path dir;
    private WavSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.deactivate();
        }
    }

    @Test
    void activeSessionLeftByACrashIsRepairedOnStartUp() throws Exception {
        SinkSettings small = new SinkSettings(dir, 1000, 0, true, 20_000, 1000, 10);
        WavSink crashed = new WavSink(small, Storage.FILES, Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) crashed.open(Fixtures.session("crash", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.streamAdded(Fixtures.stream("2", "2", null, 1, 8000));
        s.audio("1", 0, new short[8000], 0, 8000);
        s.audio("2", 0, new short[4000], 0, 4000);
        s.flushNow();
        s.audio("1", 8000, Signals.tone(440, 8000, 8000, 5000, 0), 0, 8000);   // past the RF64 threshold, header not flushed
        s.metadata(1, "<recording/>".getBytes(), null);
        s.flushNow();
        s.audio("1", 16000, new short[1000], 0, 1000);
        Thread.sleep(50);   // the writer takes the last samples into its buffers, never flushed
        crashed.halt();
        Path folder = WavSinkTest.onlyFolder(dir);
        assertEquals("active", WavSinkTest.json(folder).get("state"));
        // a crash mid-write leaves a torn sample at the end
        Files.write(folder.resolve("stream-2.wav"), new byte[] {7}, java.nio.file.StandardOpenOption.APPEND);

        sink = new WavSink(small, Storage.FILES, Clock.systemUTC(), 1);
        assertTrue(sink.awaitRepair(10_000));
        Map<?, ?> doc = WavSinkTest.json(folder);
        assertEquals("interrupted", doc.get("state"));
        Instant ended = Instant.parse((String) doc.get("endedAt"));
        assertEquals(Files.getLastModifiedTime(folder.resolve("stream-2.wav")).toInstant(), ended);
        WavHeader.Info one = WavHeader.read(folder.resolve("stream-1.wav"));
        assertTrue(one.rf64(), "past the threshold the repaired header is RF64");
        assertEquals((Files.size(folder.resolve("stream-1.wav")) - 80) / 2, one.frames());
        assertTrue(one.frames() >= 16000);
        assertEquals(4000, AudioSystem.getAudioFileFormat(folder.resolve("stream-2.wav").toFile()).getFrameLength());
        assertEquals(80 + 8000, Files.size(folder.resolve("stream-2.wav")), "the torn sample is cut");
        List<?> files = (List<?>) doc.get("files");
        assertEquals(List.of("metadata-1.xml", "stereo.wav", "stream-1.wav", "stream-2.wav"),
                files.stream().map(f -> ((Map<?, ?>) f).get("name")).toList());
        for (Object o : files) {
            Map<?, ?> f = (Map<?, ?>) o;
            assertEquals(FileFacts.sha256(folder.resolve((String) f.get("name"))), f.get("sha256"));
        }
        assertEquals(4000L, ((Map<?, ?>) ((List<?>) doc.get("streams")).get(1)).get("samples"));
        // a second start finds nothing to repair
        String before = Files.readString(folder.resolve("session.json"));
        sink.deactivate();
        sink = new WavSink(small, Storage.FILES, Clock.systemUTC(), 1);
        assertTrue(sink.awaitRepair(10_000));
        assertEquals(before, Files.readString(folder.resolve("session.json")));
    }

    /** Issue 9, item 8: the scan saw the call active, the call ended, then the repair rewrote it interrupted. */
    @Test
    void aSessionThatEndedAfterTheScanIsNotRewrittenInterrupted() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        assertTrue(sink.awaitRepair(10_000));
        RecordingSink.Session s = sink.open(Fixtures.session("race", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, new short[8000], 0, 8000);
        ((SinkSession) s).flushNow(); // the writer has written session.json (active) and the audio
        Repairer r = new Repairer(Long.MAX_VALUE);
        List<Path> scanned = r.findActive(dir);
        assertEquals(1, scanned.size());
        s.end(EndReason.BYE);
        String complete = Files.readString(scanned.get(0).resolve("session.json"));
        assertTrue(!r.repairIfStillActive(scanned.get(0)));
        assertEquals(complete, Files.readString(scanned.get(0).resolve("session.json")));
        assertEquals("complete", WavSinkTest.json(scanned.get(0)).get("state"));
    }

    /**
     * Issue 11: the first session.json is forced after the INVITE is answered. A power loss before
     * that force can leave the folder without its summary (rename lost, only the temporary file) or
     * with an empty one (content lost): the start-up repair rebuilds it from the files either way.
     */
    @Test
    void aFirstSessionJsonLostBeforeItsForceIsRebuiltFromTheFiles() throws Exception {
        for (String loss : List.of("missing", "empty", "tmp only")) {
            Path root = dir.resolve(loss.replace(' ', '-'));
            SinkSettings settings = Fixtures.settings(root);
            WavSink crashed = new WavSink(settings, Storage.FILES, Clock.systemUTC(), 1);
            SinkSession s = (SinkSession) crashed.open(Fixtures.session("lost", "c", List.of(), List.of()));
            s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
            s.streamAdded(Fixtures.stream("2", "2", null, 1, 8000));
            s.audio("1", 0, new short[8000], 0, 8000);
            s.audio("2", 0, new short[6000], 0, 6000);
            s.metadata(1, "<recording/>".getBytes(), null);
            s.flushNow();
            crashed.halt();
            Path folder = WavSinkTest.onlyFolder(root);
            Path json = folder.resolve("session.json");
            switch (loss) {
                case "missing" -> Files.delete(json);
                case "empty" -> Files.write(json, new byte[0]);
                default -> Files.move(json, folder.resolve("session.json.tmp"));
            }
            sink = new WavSink(settings, Storage.FILES, Clock.systemUTC(), 1);
            assertTrue(sink.awaitRepair(10_000), loss);
            Map<?, ?> doc = WavSinkTest.json(folder);
            assertEquals("interrupted", doc.get("state"), loss);
            assertTrue(((String) doc.get("error")).contains("rebuilt from the files"), loss + ": " + doc.get("error"));
            List<?> streams = (List<?>) doc.get("streams");
            assertEquals(List.of("stream-1.wav", "stream-2.wav"), streams.stream().map(m -> ((Map<?, ?>) m).get("file")).toList(), loss);
            assertEquals(8000L, ((Map<?, ?>) streams.get(0)).get("samples"), loss);
            assertEquals(6000L, ((Map<?, ?>) streams.get(1)).get("samples"), loss);
            assertEquals(List.of("metadata-1.xml"), doc.get("metadataFiles"), loss);
            List<?> files = (List<?>) doc.get("files");
            List<String> expected = loss.equals("empty") // the empty one is kept for inspection, as every unreadable one
                    ? List.of("metadata-1.xml", "session.json.unreadable", "stereo.wav", "stream-1.wav", "stream-2.wav")
                    : List.of("metadata-1.xml", "stereo.wav", "stream-1.wav", "stream-2.wav");
            assertEquals(expected, files.stream().map(f -> ((Map<?, ?>) f).get("name")).toList(), loss);
            sink.deactivate();
            sink = null;
        }
    }

    /** A session's end is announced only once its first session.json is on the device, and the sink's stop waits for it. */
    @Test
    void theEndAndTheStopWaitForThePendingForceOfTheFirstSessionJson() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) sink.open(Fixtures.session("forced", "c", List.of(), List.of()));
        CompletableFuture<Void> force = new CompletableFuture<>();
        s.startForced(force); // a force still running, as under a slow disk
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, new short[8000], 0, 8000);
        assertTrue(s.requestEnd(EndReason.BYE));
        Path folder = WavSinkTest.onlyFolder(dir);
        assertTrue(waitFor(() -> "complete".equals(WavSinkTest.json(folder).get("state"))), "finalized meanwhile");
        assertTrue(!s.finished().isDone(), "the end is not announced before the first summary is forced");
        assertEquals(1L, sink.counters().get("recordings.open"));
        force.complete(null);
        s.finished().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0L, sink.counters().get("recordings.open"));
        assertEquals(1L, sink.counters().get("recordings.complete"));
    }

    /**
     * A power loss just after a call ends must not leave a metadata body empty while the final summary lists its
     * digest: each metadata file is forced at the end, with the WAVs, before the summary says complete.
     */
    @Test
    void metadataBodiesAreForcedBeforeTheFinalSummary() throws Exception {
        TestStorage storage = new TestStorage();
        java.util.Map<String, String> summaryAtForce = new java.util.concurrent.ConcurrentHashMap<>();
        storage.onForce = file -> {
            String name = file.getFileName().toString();
            if (name.startsWith("metadata-")) {
                try {
                    summaryAtForce.put(name, Files.readString(file.resolveSibling("session.json")));
                } catch (IOException e) {
                    summaryAtForce.put(name, e.toString());
                }
            }
        };
        sink = new WavSink(Fixtures.settings(dir), storage, Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) sink.open(Fixtures.session("meta", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.metadata(1, "<recording/>".getBytes(), null);
        s.metadata(2, "<recording><x/></recording>".getBytes(), null);
        s.audio("1", 0, new short[800], 0, 800);
        s.end(EndReason.BYE);
        s.finished().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(java.util.Set.of("metadata-1.xml", "metadata-2.xml"), summaryAtForce.keySet(), "both bodies forced");
        summaryAtForce.values().forEach(json -> assertTrue(!json.contains("\"complete\""), "forced before the summary said complete: " + json));
        Path folder = WavSinkTest.onlyFolder(dir);
        assertEquals("complete", WavSinkTest.json(folder).get("state"));
        assertEquals("<recording><x/></recording>", Files.readString(folder.resolve("metadata-2.xml")));
    }

    /** A metadata body that does not fit on a full disk fails the session's storage like audio does. */
    @Test
    void aMetadataBodyOnAFullDiskInterruptsTheRecording() throws Exception {
        TestStorage storage = new TestStorage();
        sink = new WavSink(Fixtures.settings(dir), storage, Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) sink.open(Fixtures.session("full", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.flushNow(); // the stream's file made and its header written while the disk had room
        storage.budget.set(10);
        s.metadata(1, "<recording>more than ten bytes</recording>".getBytes(), null);
        try {
            s.flushNow(); // the writer has taken the body
        } catch (IOException storageFailed) {
            // the session's storage failed: what this test is about
        }
        storage.budget.set(Long.MAX_VALUE / 2);
        s.end(EndReason.BYE);
        s.finished().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("interrupted", WavSinkTest.json(WavSinkTest.onlyFolder(dir)).get("state"));
    }

    /** A failing force of the first session.json fails the session's storage like a failed write: interrupted, server told. */
    @Test
    void aFailedForceOfTheFirstSessionJsonStopsTheSessionInterrupted() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        java.util.concurrent.atomic.AtomicReference<String> told = new java.util.concurrent.atomic.AtomicReference<>();
        SinkSession s = (SinkSession) sink.open(Fixtures.session("eio", "c", List.of(), List.of()), told::set);
        s.startForced(CompletableFuture.failedFuture(new IOException("Input/output error")));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.flushNow();
        assertTrue(told.get() != null && told.get().contains("Input/output error"), String.valueOf(told.get()));
        s.end(EndReason.BYE);
        Map<?, ?> doc = WavSinkTest.json(WavSinkTest.onlyFolder(dir));
        assertEquals("interrupted", doc.get("state"));
    }

    private static boolean waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (condition.call()) {
                    return true;
                }
            } catch (IOException notYet) {
                // being rewritten
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Issue 9, item 8: a torn session.json was only logged; the recording then stayed undescribed for ever. */
    @Test
    void anUnreadableSessionJsonIsRebuiltFromTheFiles() throws Exception {
        SinkSettings settings = Fixtures.settings(dir);
        WavSink crashed = new WavSink(settings, Storage.FILES, Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) crashed.open(Fixtures.session("torn", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, new short[8000], 0, 8000);
        s.metadata(1, "<recording/>".getBytes(), null);
        s.flushNow();
        s.audio("1", 8000, new short[4000], 0, 4000);
        s.flushNow();
        crashed.halt();
        Path folder = WavSinkTest.onlyFolder(dir);
        Files.writeString(folder.resolve("session.json"), "{\"schemaVersion\": 1, \"state\": \"act");
        sink = new WavSink(settings, Storage.FILES, Clock.systemUTC(), 1);
        assertTrue(sink.awaitRepair(10_000));
        Map<?, ?> doc = WavSinkTest.json(folder);
        assertEquals("interrupted", doc.get("state"));
        assertTrue(((String) doc.get("error")).contains("rebuilt from the files"), (String) doc.get("error"));
        List<?> streams = (List<?>) doc.get("streams");
        assertEquals(1, streams.size());
        assertEquals("stream-1.wav", ((Map<?, ?>) streams.get(0)).get("file"));
        assertEquals(12000L, ((Map<?, ?>) streams.get(0)).get("samples"));
        assertEquals(List.of("metadata-1.xml"), doc.get("metadataFiles"));
        assertTrue(Files.exists(folder.resolve("session.json.unreadable")), "the torn file is kept for inspection");
    }

    @Test
    void fullDiskStopsTheSessionCleanlyAndRefusesNewOnesUntilSpaceIsBack() throws Exception {
        TestStorage storage = new TestStorage();
        sink = new WavSink(Fixtures.settings(dir), storage, Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) sink.open(Fixtures.session("full", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        short[] tone = Signals.tone(440, 8000, 80_000, 5000, 0);
        s.audio("1", 0, tone, 0, 8000);
        s.flushNow();
        storage.budget.set(100_001);      // about 6 s more fit (8 kHz mono: 16000 bytes/s)
        for (int i = 1; i < 10; i++) {
            s.audio("1", 8000L * i, tone, 8000 * i, 8000);
        }
        s.flushNow();
        Path folder = WavSinkTest.onlyFolder(dir);
        Map<?, ?> failed = WavSinkTest.json(folder);
        assertTrue(((String) failed.get("error")).contains("No space left on device"), String.valueOf(failed.get("error")));

        Path wav = folder.resolve("stream-1.wav");
        long frames = AudioSystem.getAudioFileFormat(wav.toFile()).getFrameLength();
        assertEquals((Files.size(wav) - 80) / 2, frames, "the header describes exactly what reached the disk");
        assertTrue(frames > 8000 && frames < 80_000, "kept what was written: " + frames);
        short[] pcm = Signals.channel(wav, 0);
        assertEquals(tone[(int) frames - 1], pcm[(int) frames - 1]);

        IOException refused = assertThrows(IOException.class, () -> sink.open(Fixtures.session("next", "c2", List.of(), List.of())));
        assertTrue(refused.getMessage().contains("not writable"), refused.getMessage());
        s.end(EndReason.BYE);
        assertEquals("interrupted", WavSinkTest.json(folder).get("state"), "a recording cut by the disk is not complete");

        storage.budget.set(Long.MAX_VALUE / 2);
        sink.open(Fixtures.session("next", "c2", List.of(), List.of())).end(EndReason.BYE);
    }

    /** Issue 9, item 13: the server is told once, so that it ends the call; the cause lands in session.json. */
    @Test
    void fullDiskMidCallTellsTheServerOnceAndTheSessionEndsInterruptedWithItsCause() throws Exception {
        TestStorage storage = new TestStorage();
        sink = new WavSink(Fixtures.settings(dir), storage, Clock.systemUTC(), 1);
        List<String> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
        SinkSession s = (SinkSession) sink.open(Fixtures.session("full2", "c", List.of(), List.of()), causes::add);
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        short[] tone = Signals.tone(440, 8000, 80_000, 5000, 0);
        s.audio("1", 0, tone, 0, 8000);
        s.flushNow();
        storage.budget.set(20_000);
        for (int i = 1; i < 10; i++) {
            s.audio("1", 8000L * i, tone, 8000 * i, 8000);
            s.flushNow();
        }
        assertEquals(1, causes.size(), causes.toString());
        assertTrue(causes.get(0).contains("No space left on device"), causes.get(0));
        s.end(EndReason.STORAGE_FAILURE);
        Map<?, ?> json = WavSinkTest.json(WavSinkTest.onlyFolder(dir));
        assertEquals("interrupted", json.get("state"));
        assertEquals("STORAGE_FAILURE", json.get("endReason"));
        assertTrue(((String) json.get("error")).contains("No space left on device"), String.valueOf(json.get("error")));
        assertThrows(IOException.class, () -> sink.open(Fixtures.session("next", "c2", List.of(), List.of())),
                "new sessions are refused (503) until space returns");
    }

    @Test
    void belowMinimumFreeSpaceSessionsAreRefused() throws Exception {
        TestStorage storage = new TestStorage();
        storage.reportedFree = 1000;
        sink = new WavSink(new SinkSettings(dir, 1000, 4096, true, WavSinkConfig.DEFAULT_RF64_THRESHOLD, 1000, 10), storage,
                Clock.systemUTC(), 1);
        IOException e = assertThrows(IOException.class, () -> sink.open(Fixtures.session("x", "c", List.of(), List.of())));
        assertTrue(e.getMessage().contains("min.free.bytes"), e.getMessage());
        storage.reportedFree = 1 << 20;
        sink.open(Fixtures.session("x", "c", List.of(), List.of())).end(EndReason.BYE);
    }

    /** Issue 11: "Mount point not found" under descriptor pressure refused sessions as if the disk were full. */
    @Test
    void aFailingFreeSpaceCheckNeverRefusesASession() throws Exception {
        TestStorage storage = new TestStorage();
        storage.spaceCheckFailure = new java.nio.file.FileSystemException("/data/recordings: Mount point not found");
        sink = new WavSink(new SinkSettings(dir, 1000, 4096, true, WavSinkConfig.DEFAULT_RF64_THRESHOLD, 1000, 10), storage,
                Clock.systemUTC(), 1);
        for (int i = 0; i < 3; i++) {
            RecordingSink.Session s = sink.open(Fixtures.session("m" + i, "c" + i, List.of(), List.of()));
            s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
            s.audio("1", 0, new short[800], 0, 800);
            s.end(EndReason.BYE);
        }
        assertEquals(0L, sink.counters().get("sessions.refused"));
        assertEquals(3L, sink.counters().get("recordings.complete"));
        // a real shortage is still refused once the check works again
        storage.spaceCheckFailure = null;
        storage.reportedFree = 1000;
        assertThrows(IOException.class, () -> sink.open(Fixtures.session("full", "c", List.of(), List.of())));
        assertEquals(1L, sink.counters().get("sessions.refused"));
    }

    @Test
    void audioNeverBlocksOnAStalledDiskAndTheQueueHoldsItsSeconds() throws Exception {
        TestStorage storage = new TestStorage();
        sink = new WavSink(new SinkSettings(dir, 1000, 0, false, WavSinkConfig.DEFAULT_RF64_THRESHOLD, 1000, 10), storage,
                Clock.systemUTC(), 1);
        SinkSession s = (SinkSession) sink.open(Fixtures.session("slow", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, new short[160], 0, 160);
        s.flushNow();
        CountDownLatch gate = new CountDownLatch(1);
        storage.gate = gate;                                 // the disk stalls
        short[] frame = new short[160];
        Thread flusher = new Thread(() -> {
            try {
                s.flushNow();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            s.audio("1", 160, frame, 0, 160);
            flusher.start();
            assertTrue(storage.stalled.await(5, java.util.concurrent.TimeUnit.SECONDS), "the writer is stuck in a write");
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 2; i <= 450; i++) {                // 9 s of 20 ms packets while the disk is stuck
                    s.audio("1", 160L * i, frame, 0, 160);
                }
            });
            assertEquals(0, s.dropped(), "10 s of queue absorb a 9 s stall");
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 451; i <= 600; i++) {
                    s.audio("1", 160L * i, frame, 0, 160);
                }
            });
            // 599 packets queued behind the stuck writer (600 if a periodic flush stalled it before it took the first one)
            long dropped = s.dropped();
            assertTrue(dropped == 599 * 160 - 80_000 || dropped == 600 * 160 - 80_000,
                    "beyond the queue, samples are dropped and counted, never waited for: " + dropped);
        } finally {
            storage.gate = null;
            gate.countDown();
        }
        flusher.join(5000);
        s.end(EndReason.BYE);
    }
}
