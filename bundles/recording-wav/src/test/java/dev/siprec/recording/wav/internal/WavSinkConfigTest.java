package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import dev.siprec.recording.api.EndReason;

class WavSinkConfigTest {
    @TempDir
    Path dir;

    static WavSinkConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(WavSinkConfig.class);
    }

    @Test
    void defaults() {
        SinkSettings s = WavSink.settings("/srv/siprec/data", config(Map.of()));
        assertEquals(Paths.get("/srv/siprec/data/recordings"), s.directory());
        assertEquals(1000, s.flushIntervalMillis());
        assertEquals(512L * 1024 * 1024, s.minFreeBytes());
        assertTrue(s.stereo());
        assertTrue(s.rf64ThresholdBytes() < 0xFFFFFFFFL && s.rf64ThresholdBytes() > 0xF0000000L);
        assertEquals(Paths.get("./data/recordings").toAbsolutePath().normalize(), WavSink.settings(null, config(Map.of())).directory());
    }

    @Test
    void explicitValues() {
        SinkSettings s = WavSink.settings("/ignored", config(Map.of("directory", "/var/rec", "flush.interval.ms", "250",
                "min.free.bytes", 0L, "stereo", false, "rf64.threshold.bytes", 4096L)));
        assertEquals(Paths.get("/var/rec"), s.directory());
        assertEquals(250, s.flushIntervalMillis());
        assertEquals(0, s.minFreeBytes());
        assertEquals(4096, s.rf64ThresholdBytes());
    }

    @Test
    void invalidValuesAreRejectedWithTheKeyName() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("flush.interval.ms", 5000), Map.of("min.free.bytes", -1),
                Map.of("rf64.threshold.bytes", 0xFFFFFFFFL), Map.of("queue.seconds", 0), Map.of("stereo.align.window.ms", 10))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WavSink.settings("/d", config(bad)));
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
    }

    @Test
    void modifiedMovesNewSessionsOnly() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        WavSink sink = new WavSink(WavSink.settings(null, config(Map.of("directory", a.toString(), "min.free.bytes", 0L))),
                Storage.FILES, Clock.systemUTC(), 1);
        try {
            var first = sink.open(Fixtures.session("one", "c1", List.of(), List.of()));
            sink.modified(config(Map.of("directory", b.toString(), "min.free.bytes", 0L)));
            assertTrue(sink.awaitRepair(5000));
            sink.open(Fixtures.session("two", "c2", List.of(), List.of())).end(EndReason.BYE);
            first.end(EndReason.BYE);
            assertEquals("complete", WavSinkTest.json(WavSinkTest.onlyFolder(a)).get("state"));
            assertEquals("two", WavSinkTest.onlyFolder(b).getFileName().toString());
            assertEquals(b.toString(), sink.directory());
        } finally {
            sink.deactivate();
        }
    }
}
