package dev.siprec.health.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;
import dev.siprec.stats.api.StatisticsSource;

/**
 * Free space on the recording directory's file system: CRITICAL below {@code disk.min.free.mb},
 * WARN below {@code disk.warn.free.mb}. The last measured value is also published as the gauge
 * {@code disk.bytes.free} of scope {@code recording} (so {@code siprec:stats} and {@code /metrics} show it).
 */
@Component(immediate = true, service = {HealthCheck.class, StatisticsSource.class}, configurationPid = "dev.siprec.health",
        property = {HealthCheck.NAME + "=disk.space", HealthCheck.TAGS + "=" + HealthService.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=5000"})
public final class DiskSpaceCheck implements HealthCheck, StatisticsSource {
    private static final long MIB = 1024L * 1024;

    /** The directory and thresholds, replaced as one on a configuration change. */
    private record Limits(Path directory, long criticalBytes, long warnBytes) {
        Limits {
            if (criticalBytes < 0 || warnBytes < 0) {
                throw new IllegalArgumentException("disk.min.free.mb and disk.warn.free.mb must be 0 or more");
            }
        }
    }

    private final BundleContext context;
    private volatile Limits limits;
    private volatile long lastFree = -1;

    @Activate
    public DiskSpaceCheck(HealthConfig config, BundleContext context) {
        this.context = context;
        modified(config);
    }

    DiskSpaceCheck(Path directory, long minFreeMb, long warnFreeMb) {
        this.context = null;
        this.limits = limits(directory, minFreeMb, warnFreeMb);
    }

    /** A new threshold applies from the next run; the check's service stays registered. */
    @Modified
    void modified(HealthConfig config) {
        limits = limits(RecordingPaths.directory(config.recording_directory(), context), config.disk_min_free_mb(), config.disk_warn_free_mb());
    }

    private static Limits limits(Path directory, long minFreeMb, long warnFreeMb) {
        return new Limits(directory, minFreeMb * MIB, Math.max(warnFreeMb, minFreeMb) * MIB);
    }

    @Override
    public Result execute() {
        return FelixResults.toFelix(check());
    }

    /** @return the outcome now, in our three levels */
    HealthResult check() {
        Limits l = limits;
        Path directory = l.directory();
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
        return evaluate(free, l.criticalBytes(), l.warnBytes());
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
