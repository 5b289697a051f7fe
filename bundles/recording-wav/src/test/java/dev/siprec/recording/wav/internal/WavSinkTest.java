package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.StreamSummary;

/** session.json, file naming, gaps and metadata through the sink's public contract. */
class WavSinkTest {
    @TempDir
    Path dir;
    private WavSink sink;

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.deactivate();
        }
    }

    static Map<?, ?> json(Path folder) throws Exception {
        return (Map<?, ?>) Json.parse(Files.readString(folder.resolve("session.json")));
    }

    static Path onlyFolder(Path root) throws Exception {
        try (var dates = Files.list(root)) {
            Path date = dates.filter(Files::isDirectory).findFirst().orElseThrow();
            try (var s = Files.list(date)) {
                return s.findFirst().orElseThrow();
            }
        }
    }

    @Test
    void writesStreamsMetadataAndSessionJson() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.fixed(Fixtures.T0.plusSeconds(90), ZoneOffset.UTC), 1);
        MediaStream s1 = Fixtures.stream("1", "1", "sA", 0, 8000);
        MediaStream s2 = Fixtures.stream("2", "2", "sB", 1, 8000);
        MediaStream m2 = Fixtures.stream("m2", null, null, 2, 8000);
        MediaStream again = Fixtures.stream("1-2", "1", "sC", 3, 8000);
        RecordingSession rs = Fixtures.session("zJ8p+DxS/Q==", "a\"b\\c\n@host", List.of(
                Fixtures.participant("pA", "sip:alice@example.com", List.of("sA"), List.of("sB")),
                Fixtures.participant("pB", "sip:bob@example.com", List.of("sB"), List.of("sA"))), List.of(s1, s2));
        RecordingSink.Session s = sink.open(rs);
        Path folder = onlyFolder(dir);
        assertEquals("2026-03-14", folder.getParent().getFileName().toString());
        assertEquals("zJ8p_DxS_Q__", folder.getFileName().toString());
        ((SinkSession) s).flushNow(); // the writer writes session.json first, before any audio
        assertEquals("active", json(folder).get("state"), "session.json is written at open");

        byte[] body1 = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><dataMode>complete</dataMode></recording>".getBytes(StandardCharsets.UTF_8);
        byte[] body2 = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><dataMode>partial</dataMode>é</recording>".getBytes(StandardCharsets.UTF_8);
        s.metadata(1, body1, rs);
        s.streamAdded(s1);
        s.streamAdded(s2);
        s.streamAdded(m2);
        s.timing("1", 0, Fixtures.T0.plusSeconds(1), false);
        short[] frame = Signals.tone(440, 8000, 160, 8000, 0);
        s.audio("1", 0, frame, 0, 160);
        s.audio("1", 800, frame, 0, 160);     // gap of 640 samples
        s.audio("1", 900, frame, 0, 160);     // 60 samples overlap, 100 new
        s.audio("1", 100, frame, 0, 160);     // entirely old: dropped
        s.audio("2", 0, frame, 0, 160);
        s.audio("nope", 0, frame, 0, 160);
        s.dtmf("1", '5', 8000, 120);
        s.note("streams mapped to participants by m-line order: no metadata label for m=2");
        s.note(" ");
        s.metadata(2, body2, rs);
        s.streamAdded(again);
        s.audio("1-2", 0, frame, 0, 80);
        s.statistics(new StreamSummary("1", List.of(0xDEADBEEFL), "AES_CM_128_HMAC_SHA1_80", "sdes", 50, 2, 1, 3, 4, 5));
        s.statistics(new StreamSummary("1-2", List.of(7L), "AEAD_AES_128_GCM", "dtls", 4, 0, 0, 0, 0, 0, "DTLS",
                "SRTP_AEAD_AES_128_GCM", "server", "sha-256 AB:CD"));
        s.end(EndReason.BYE);

        Map<?, ?> doc = json(folder);
        assertEquals(1L, doc.get("schemaVersion"));
        assertEquals("a\"b\\c\n@host", doc.get("callId"), "escaped and read back intact");
        assertEquals("sess-A", doc.get("sessionId"));
        assertEquals("rs-1", doc.get("recordingSessionId"));
        assertEquals("grp-1", doc.get("groupId"));
        assertEquals("UDP", doc.get("transport"));
        assertEquals("127.0.0.1:5062", doc.get("peer"));
        assertEquals("2026-03-14T09:26:53Z", doc.get("startedAt"));
        assertEquals("2026-03-14T09:28:23Z", doc.get("endedAt"));
        assertEquals("complete", doc.get("state"));
        assertEquals("BYE", doc.get("endReason"));
        List<?> participants = (List<?>) doc.get("participants");
        assertEquals(Map.of("id", "pA", "aor", "sip:alice@example.com", "sends", List.of("1"), "receives", List.of("2")),
                withoutNulls((Map<?, ?>) participants.get(0)));
        List<?> streams = (List<?>) doc.get("streams");
        assertEquals(4, streams.size());
        Map<?, ?> st1 = (Map<?, ?>) streams.get(0);
        assertEquals("1", st1.get("label"));
        assertEquals("sA", st1.get("streamId"));
        assertEquals("PCMU", st1.get("codec"));
        assertEquals(8000L, st1.get("sampleRate"));
        assertEquals(List.of(0xDEADBEEFL), st1.get("ssrcs"));
        assertEquals(Map.of("suite", "AES_CM_128_HMAC_SHA1_80", "keySource", "sdes"), st1.get("srtp"));
        assertEquals(Map.of("received", 50L, "lost", 2L, "late", 1L, "authFailed", 3L, "replayed", 4L, "refusedSource", 5L),
                st1.get("packets"));
        assertEquals("stream-1.wav", st1.get("file"));
        assertEquals(1060L, st1.get("samples"));
        assertNull(((Map<?, ?>) streams.get(1)).get("srtp"));
        assertEquals("stream-m2.wav", ((Map<?, ?>) streams.get(2)).get("file"));
        assertEquals("stream-1-2.wav", ((Map<?, ?>) streams.get(3)).get("file"), "a reused label never overwrites");
        assertEquals(Map.of("suite", "AEAD_AES_128_GCM", "keySource", "dtls", "keyExchange", "DTLS",
                "profile", "SRTP_AEAD_AES_128_GCM", "role", "server", "peerFingerprint", "sha-256 AB:CD"),
                ((Map<?, ?>) streams.get(3)).get("srtp"), "the key exchange's facts, added beside the earlier fields");
        assertEquals(List.of(Map.of("label", "1", "digit", "5", "at", "2026-03-14T09:26:55Z", "durationMs", 120L)), doc.get("dtmf"));
        assertEquals(List.of("metadata-1.xml", "metadata-2.xml"), doc.get("metadataFiles"));
        assertEquals(List.of("streams mapped to participants by m-line order: no metadata label for m=2"), doc.get("notes"),
                "notes kept, blank ones ignored");
        assertArrayEquals(body1, Files.readAllBytes(folder.resolve("metadata-1.xml")));
        assertArrayEquals(body2, Files.readAllBytes(folder.resolve("metadata-2.xml")));

        assertEquals(1060, AudioSystem.getAudioFileFormat(folder.resolve("stream-1.wav").toFile()).getFrameLength());
        short[] pcm = Signals.channel(folder.resolve("stream-1.wav"), 0);
        assertArrayEquals(java.util.Arrays.copyOf(frame, 160), java.util.Arrays.copyOf(pcm, 160));
        assertEquals(0, Signals.rms(pcm, 160, 640), "the gap is silence");
        assertEquals(frame[0], pcm[800]);
        assertEquals(frame[60], pcm[960], "overlapping samples are not written twice");
        assertEquals(frame[159], pcm[1059]);

        List<?> files = (List<?>) doc.get("files");
        List<String> names = files.stream().map(f -> (String) ((Map<?, ?>) f).get("name")).toList();
        assertEquals(List.of("metadata-1.xml", "metadata-2.xml", "stereo.wav", "stream-1-2.wav", "stream-1.wav", "stream-2.wav",
                "stream-m2.wav"), names);
        for (Object o : files) {
            Map<?, ?> f = (Map<?, ?>) o;
            Path p = folder.resolve((String) f.get("name"));
            assertEquals(Files.size(p), f.get("bytes"));
            assertEquals(FileFacts.sha256(p), f.get("sha256"));
        }
        assertTrue(((String) ((Map<?, ?>) files.get(0)).get("sha256")).matches("[0-9a-f]{64}"));
    }

    private static Map<?, ?> withoutNulls(Map<?, ?> m) {
        Map<Object, Object> out = new java.util.HashMap<>(m);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    /** Issue 9, item 4: a replaced stream's file is final at once, not when the session ends (hours later). */
    @Test
    void aRemovedStreamIsFinalizedAtOnceAndLaterAudioForItIsDropped() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        RecordingSink.Session s = sink.open(Fixtures.session("rm", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.streamAdded(Fixtures.stream("2", "2", null, 1, 8000));
        short[] tone = Signals.tone(440, 8000, 8000, 5000, 0);
        s.audio("1", 0, tone, 0, 8000);
        s.audio("2", 0, tone, 0, 4000);
        s.streamRemoved("1");
        s.audio("1", 8000, tone, 0, 8000);
        ((SinkSession) s).flushNow();
        Path wav = onlyFolder(dir).resolve("stream-1.wav");
        assertEquals(8000, javax.sound.sampled.AudioSystem.getAudioFileFormat(wav.toFile()).getFrameLength(),
                "finalized with its true length while the session goes on");
        assertEquals(80 + 16000, Files.size(wav));
        s.audio("2", 4000, tone, 0, 4000);
        s.end(EndReason.BYE);
        assertEquals("complete", json(onlyFolder(dir)).get("state"));
        assertEquals(80 + 16000, Files.size(wav));
        assertEquals(8000, javax.sound.sampled.AudioSystem.getAudioFileFormat(onlyFolder(dir).resolve("stream-2.wav").toFile())
                .getFrameLength());
    }

    @Test
    void sessionJsonFollowsChangesDuringTheCall() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        RecordingSession rs = Fixtures.session("live", "c", List.of(), List.of());
        SinkSession s = (SinkSession) sink.open(rs);
        Path folder = onlyFolder(dir);
        s.flushNow();
        Map<?, ?> first = json(folder);
        assertEquals(List.of(), first.get("streams"));
        assertEquals(List.of(), first.get("files"));
        assertNull(first.get("endedAt"));

        s.streamAdded(Fixtures.stream("1", "1", "sA", 0, 8000));
        s.updated(Fixtures.session("live", "c", List.of(Fixtures.participant("after-transfer", "sip:carol@example.com",
                List.of("sA"), List.of())), List.of()));
        s.audio("1", 0, new short[800], 0, 800);
        s.flushNow();
        Map<?, ?> live = json(folder);
        assertEquals("active", live.get("state"));
        assertEquals(1, ((List<?>) live.get("streams")).size());
        assertEquals("sip:carol@example.com", ((Map<?, ?>) ((List<?>) live.get("participants")).get(0)).get("aor"));
        assertEquals(800, AudioSystem.getAudioFileFormat(folder.resolve("stream-1.wav").toFile()).getFrameLength(),
                "headers are true after a flush, before the end");
        s.end(EndReason.MEDIA_TIMEOUT);
        assertEquals("complete", json(folder).get("state"));
    }

    /**
     * The sink makes the date folder once and then only the session folders (issue 11: one mkdir per
     * session); a date folder or recording directory removed meanwhile (a clean-up job) is made again.
     */
    @Test
    void aDateFolderOrRecordingDirectoryRemovedBetweenSessionsIsMadeAgain() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        sink.open(Fixtures.session("one", "c1", List.of(), List.of())).end(EndReason.BYE);
        Path first = onlyFolder(dir);
        assertEquals("complete", json(first).get("state"));
        deleteTree(first.getParent());
        sink.open(Fixtures.session("two", "c2", List.of(), List.of())).end(EndReason.BYE);
        assertEquals("complete", json(onlyFolder(dir)).get("state"));
        deleteTree(dir);
        sink.open(Fixtures.session("three", "c3", List.of(), List.of())).end(EndReason.BYE);
        Path third = onlyFolder(dir);
        assertEquals("complete", json(third).get("state"));
        assertEquals("three", json(third).get("id"));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    /**
     * By default the date folder is forced just after the session opens, before its end; with
     * {@code force.start=false} it is forced at the end instead, after the final summary (which says
     * complete only once the files are forced) and before the end is announced.
     */
    @Test
    void theDateFolderIsForcedAtStartByDefaultAndAtTheEndWithoutForceStart() throws Exception {
        List<String> forced = new java.util.concurrent.CopyOnWriteArrayList<>();
        DirectoryForces watched = new DirectoryForces(d -> {
            Path folder;
            try (var s = Files.list(d)) {
                folder = s.findFirst().orElseThrow();
            }
            try {
                forced.add(Files.exists(folder.resolve("session.json")) ? String.valueOf(json(folder).get("state")) : "none");
            } catch (Exception e) {
                forced.add("unreadable: " + e);
            }
            FileFacts.forceDirectoryOrFail(d);
        });
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1, watched);
        RecordingSink.Session s = sink.open(Fixtures.session("forced", "c1", List.of(), List.of()));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (forced.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("active"), forced, "forced after the open, before any end");
        s.end(EndReason.BYE);
        assertEquals(List.of("active"), forced, "not again at the end");
        sink.deactivate();
        deleteTree(dir);

        forced.clear();
        SinkSettings d = Fixtures.settings(dir);
        SinkSettings noStart = new SinkSettings(d.directory(), d.flushIntervalMillis(), d.minFreeBytes(), d.stereo(),
                d.rf64ThresholdBytes(), d.alignWindowMillis(), d.queueSeconds(), false);
        sink = new WavSink(noStart, Storage.FILES, Clock.systemUTC(), 1, watched);
        RecordingSink.Session late = sink.open(Fixtures.session("late", "c2", List.of(), List.of()));
        late.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        late.audio("1", 0, new short[1600], 0, 1600);
        ((SinkSession) late).flushNow();
        assertEquals(List.of(), forced, "no force at start");
        late.end(EndReason.BYE);
        assertEquals(List.of("complete"), forced, "forced at the end, after the final summary, before end() returned");
        assertEquals(1, sink.counters().get("recordings.complete"));
    }

    /** A graceful stop of the server ends each session with BYE first: the recording is complete (issue 9). */
    @Test
    void aSessionEndedByTheServersGracefulStopIsComplete() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 2);
        RecordingSink.Session s = sink.open(Fixtures.session("s1", "c1", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, new short[1600], 0, 1600);
        s.end(EndReason.SHUTDOWN);
        Map<?, ?> doc = json(onlyFolder(dir));
        assertEquals("complete", doc.get("state"));
        assertEquals("SHUTDOWN", doc.get("endReason"));
    }

    @Test
    void shutdownFinalizesOpenSessionsAsInterrupted() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 2);
        RecordingSink.Session s = sink.open(Fixtures.session("s1", "c1", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.audio("1", 0, new short[1600], 0, 1600);
        sink.deactivate();
        sink = null;
        Path folder = onlyFolder(dir);
        Map<?, ?> doc = json(folder);
        assertEquals("interrupted", doc.get("state"));
        assertEquals("SHUTDOWN", doc.get("endReason"));
        assertEquals(1600, AudioSystem.getAudioFileFormat(folder.resolve("stream-1.wav").toFile()).getFrameLength());
        s.audio("1", 1600, new short[160], 0, 160);
        s.end(EndReason.BYE);
        assertEquals("interrupted", json(folder).get("state"), "calls after the end are ignored");
    }

    @Test
    void recentListsNewestFirst() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        RecordingSession a = Fixtures.session("old", "c-old", List.of(), List.of());
        RecordingSession b = new RecordingSession("new", "c-new", null, null, List.of(), "TLS", "[::1]:5061",
                Fixtures.T0.plusSeconds(5), List.of(), List.of(), 0);
        RecordingSession c = new RecordingSession("next-day", "c-next", null, null, List.of(), "TCP", "127.0.0.1:1",
                Fixtures.T0.plusSeconds(86_400), List.of(), List.of(), 0);
        RecordingSink.Session sa = sink.open(a);
        sa.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        sa.audio("1", 0, new short[8000], 0, 8000);
        sa.end(EndReason.BYE);
        sink.open(b);
        sink.open(c).end(EndReason.CANCELLED);
        var recent = sink.recent(10);
        assertEquals(List.of("next-day", "new", "old"), recent.stream().map(r -> r.name()).toList());
        assertEquals("2026-03-15", recent.get(0).date());
        assertEquals("active", recent.get(1).state());
        assertEquals("complete", recent.get(2).state());
        assertEquals(1, recent.get(2).streams());
        assertTrue(recent.get(2).bytes() > 16000);
        assertEquals(2, sink.recent(2).size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> sink.recent(0));
    }

    @Test
    void countsTheBytesItWrites() throws Exception {
        sink = new WavSink(Fixtures.settings(dir), Storage.FILES, Clock.systemUTC(), 1);
        assertEquals(0L, sink.counters().get("bytes.written"));
        RecordingSink.Session s = sink.open(Fixtures.session("bytes", "c", List.of(), List.of()));
        s.streamAdded(Fixtures.stream("1", "1", null, 0, 8000));
        s.streamAdded(Fixtures.stream("2", "2", null, 1, 8000));
        s.metadata(1, "<recording/>".getBytes(StandardCharsets.UTF_8), null);
        s.audio("1", 0, new short[8000], 0, 8000);
        s.audio("2", 0, new short[8000], 0, 8000);
        s.end(EndReason.BYE);
        long onDisk;
        try (var files = Files.list(onlyFolder(dir))) {
            onDisk = files.mapToLong(f -> f.toFile().length()).sum();
        }
        long written = sink.counters().get("bytes.written");
        // every byte on disk was written at least once; headers are rewritten, so the count can be higher
        assertTrue(written >= onDisk && onDisk > 2 * 16_000, written + " written, " + onDisk + " on disk");
        assertTrue(written < onDisk + 64 * 1024, written + " written, " + onDisk + " on disk");
    }
}
