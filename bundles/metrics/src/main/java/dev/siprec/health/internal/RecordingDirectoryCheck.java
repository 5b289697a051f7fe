package dev.siprec.health.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.siprec.health.api.HealthCheck;
import dev.siprec.health.api.HealthResult;

/** The recording directory exists (it is created if missing, as the sink would) and a file can be written in it. */
@Component(service = HealthCheck.class, configurationPid = "dev.siprec.health", property = HealthCheck.NAME + "=recording.directory")
public final class RecordingDirectoryCheck implements HealthCheck {
    private final Path directory;

    @Activate
    public RecordingDirectoryCheck(HealthConfig config, BundleContext context) {
        this(RecordingPaths.directory(config.recording_directory(), context));
    }

    RecordingDirectoryCheck(Path directory) {
        this.directory = directory;
    }

    @Override
    public HealthResult check() {
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
