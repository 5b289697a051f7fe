package dev.siprec.health.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

import dev.siprec.health.api.HealthResult;
import dev.siprec.health.api.HealthService;

/** The recording directory exists (it is created if missing, as the sink would) and a file can be written in it. */
@Component(immediate = true, service = HealthCheck.class, configurationPid = "dev.siprec.health", property = {HealthCheck.NAME + "=recording.directory", HealthCheck.TAGS + "=" + HealthService.TAG,
        HealthCheck.RESULT_CACHE_TTL_IN_MS + ":Long=5000"})
public final class RecordingDirectoryCheck implements HealthCheck {
    private final BundleContext context;
    private volatile Path directory;

    @Activate
    public RecordingDirectoryCheck(HealthConfig config, BundleContext context) {
        this.context = context;
        modified(config);
    }

    RecordingDirectoryCheck(Path directory) {
        this.context = null;
        this.directory = directory;
    }

    /** Another directory applies from the next run. */
    @Modified
    void modified(HealthConfig config) {
        directory = RecordingPaths.directory(config.recording_directory(), context);
    }

    @Override
    public Result execute() {
        return FelixResults.toFelix(check());
    }

    /** @return the outcome now, in our three levels */
    HealthResult check() {
        Path directory = this.directory;
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".health-", ".tmp");
            try {
                Files.write(probe, new byte[] {1});
            } finally {
                Files.deleteIfExists(probe);
            }
            return HealthResult.ok(directory + " writable");
        } catch (IOException | SecurityException e) {
            return HealthResult.critical(directory + " not writable: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }
}
