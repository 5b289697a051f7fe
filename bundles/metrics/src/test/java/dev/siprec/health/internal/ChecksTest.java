package dev.siprec.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.osgi.util.converter.Converters;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthResult.Status;
import dev.siprec.health.internal.CertificateExpiryCheck.Expiry;

class ChecksTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void certificatesWarnThenTurnCritical() {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");
        Expiry far = new Expiry("tls/default", now.plus(Duration.ofDays(200)));
        Expiry soon = new Expiry("wss/default", now.plus(Duration.ofDays(10)));
        Expiry gone = new Expiry("tls/old", now.minus(Duration.ofDays(1)));
        assertEquals(Status.OK, CertificateExpiryCheck.evaluate(List.of(), now, 14, 0).status());
        HealthResult ok = CertificateExpiryCheck.evaluate(List.of(far), now, 14, 0);
        assertEquals(Status.OK, ok.status());
        assertTrue(ok.message().contains("200 d"), ok.message());
        HealthResult warn = CertificateExpiryCheck.evaluate(List.of(far, soon), now, 14, 0);
        assertEquals(Status.WARN, warn.status());
        assertTrue(warn.message().contains("wss/default expires in 10 d"), warn.message());
        assertEquals(Status.CRITICAL, CertificateExpiryCheck.evaluate(List.of(far, soon), now, 14, 11).status());
        HealthResult expired = CertificateExpiryCheck.evaluate(List.of(far, soon, gone), now, 14, 0);
        assertEquals(Status.CRITICAL, expired.status());
        assertTrue(expired.message().startsWith("tls/old expired"), expired.message());
    }

    @Test
    void diskThresholds() {
        assertEquals(Status.OK, DiskSpaceCheck.evaluate(6000 * MIB, 1024 * MIB, 5120 * MIB).status());
        assertEquals(Status.WARN, DiskSpaceCheck.evaluate(2000 * MIB, 1024 * MIB, 5120 * MIB).status());
        HealthResult c = DiskSpaceCheck.evaluate(100 * MIB, 1024 * MIB, 5120 * MIB);
        assertEquals(Status.CRITICAL, c.status());
        assertEquals("100 MiB free, below 1024 MiB", c.message());
        assertThrows(IllegalArgumentException.class, () -> new DiskSpaceCheck(Path.of("."), -1, 0));
    }

    @Test
    void diskCheckMeasuresTheRealFileSystemAndPublishesIt(@TempDir Path dir) {
        DiskSpaceCheck always = new DiskSpaceCheck(dir.resolve("not/yet/created"), 0, 0);
        assertTrue(always.counters().isEmpty());
        assertEquals(Status.OK, always.check().status());
        assertTrue(always.counters().get("disk.bytes.free") > 0);
        DiskSpaceCheck never = new DiskSpaceCheck(dir, Long.MAX_VALUE / MIB, 0);
        assertEquals(Status.CRITICAL, never.check().status());
    }

    @Test
    void recordingDirectoryWritableOrNot(@TempDir Path dir) throws IOException {
        Path rec = dir.resolve("recordings");
        HealthResult ok = new RecordingDirectoryCheck(rec).check();
        assertEquals(Status.OK, ok.status(), ok.message());
        assertTrue(Files.isDirectory(rec));
        try (var s = Files.list(rec)) {
            assertEquals(0, s.count(), "the probe file is removed");
        }
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        HealthResult bad = new RecordingDirectoryCheck(file.resolve("recordings")).check();
        assertEquals(Status.CRITICAL, bad.status());
        assertTrue(bad.message().contains("not writable"), bad.message());
    }

    private static HealthConfig config(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(HealthConfig.class);
    }

    @Test
    void aThresholdChangeAppliesWithoutReactivationAndShowsAsAFelixResult(@TempDir Path dir) {
        DiskSpaceCheck disk = new DiskSpaceCheck(config(Map.of("recording.directory", dir.toString(), "disk.min.free.mb", 0L, "disk.warn.free.mb", 0L)), null);
        assertEquals(Result.Status.OK, disk.execute().getStatus());
        disk.modified(config(Map.of("recording.directory", dir.toString(), "disk.min.free.mb", Long.MAX_VALUE / MIB)));
        Result critical = disk.execute();
        assertEquals(Result.Status.CRITICAL, critical.getStatus());
        assertTrue(critical.iterator().next().getMessage().contains("MiB free, below"), critical.toString());
        assertThrows(IllegalArgumentException.class, () -> disk.modified(config(Map.of("disk.min.free.mb", -1L))));

        CertificateExpiryCheck certs = new CertificateExpiryCheck(config(Map.of()));
        assertEquals(Result.Status.OK, certs.execute().getStatus(), "no credential service: nothing to expire");
        assertThrows(IllegalArgumentException.class, () -> certs.modified(config(Map.of("certificate.warn.days", -3))));

        RecordingDirectoryCheck rec = new RecordingDirectoryCheck(config(Map.of("recording.directory", dir.resolve("a").toString())), null);
        assertTrue(rec.check().message().startsWith(dir.resolve("a").toString()));
        rec.modified(config(Map.of("recording.directory", dir.resolve("b").toString())));
        assertTrue(rec.check().message().startsWith(dir.resolve("b").toString()));
        assertTrue(Files.isDirectory(dir.resolve("b")));
    }
}
