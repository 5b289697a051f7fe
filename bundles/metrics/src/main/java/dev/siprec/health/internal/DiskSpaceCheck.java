package dev.siprec.health.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.siprec.health.api.HealthCheck;
import dev.siprec.health.api.HealthResult;
import dev.siprec.stats.api.StatisticsSource;

/**
 * Free space on the recording directory's file system: CRITICAL below {@code disk.min.free.mb},
 * WARN below {@code disk.warn.free.mb}. The last measured value is also published as the gauge
 * {@code disk.bytes.free} of scope {@code recording} (so {@code siprec:stats} and {@code /metrics} show it).
 */
@Component(service = {HealthCheck.class, StatisticsSource.class}, configurationPid = "dev.siprec.health",
        property = HealthCheck.NAME + "=disk.space")
public final class DiskSpaceCheck implements HealthCheck, StatisticsSource {
    private static final long MIB = 1024L * 1024;

    private final Path directory;
    private final long criticalBytes;
    private final long warnBytes;
    private volatile long lastFree = -1;

    @Activate
    public DiskSpaceCheck(HealthConfig config, BundleContext context) {
        this(RecordingPaths.directory(config.recording_directory(), context), config.disk_min_free_mb(), config.disk_warn_free_mb());
    }

    DiskSpaceCheck(Path directory, long minFreeMb, long warnFreeMb) {
        if (minFreeMb < 0 || warnFreeMb < 0) {
            throw new IllegalArgumentException("disk.min.free.mb and disk.warn.free.mb must be 0 or more");
        }
        this.directory = directory;
        this.criticalBytes = minFreeMb * MIB;
        this.warnBytes = Math.max(warnFreeMb, minFreeMb) * MIB;
    }

    @Override
    public HealthResult check() {
        Path p = directory;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return HealthResult.critical("no existing parent of " + directory);
        }
        long free;
        try {
            free = Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return HealthResult.critical("cannot read free space of " + p + ": " + e.getMessage());
        }
        lastFree = free;
        return evaluate(free, criticalBytes, warnBytes);
    }

    static HealthResult evaluate(long free, long criticalBytes, long warnBytes) {
        String text = (free / MIB) + " MiB free";
        if (free < criticalBytes) {
            return HealthResult.critical(text + ", below " + criticalBytes / MIB + " MiB");
        }
        if (free < warnBytes) {
            return HealthResult.warn(text + ", below " + warnBytes / MIB + " MiB");
        }
        return HealthResult.ok(text);
    }

    @Override
    public String scope() {
        return "recording";
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public Map<String, Long> counters() {
        long f = lastFree;
        return f < 0 ? Map.of() : Map.of("disk.bytes.free", f);
    }
}
