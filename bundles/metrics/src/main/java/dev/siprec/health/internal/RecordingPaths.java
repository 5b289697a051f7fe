package dev.siprec.health.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where recordings go, resolved as the WAV sink does: configured, else {@code <siprec.data>/recordings}. */
final class RecordingPaths {
    static final String DATA_PROPERTY = "siprec.data";

    private RecordingPaths() {
    }

    static Path directory(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String data = context == null ? null : context.getProperty(DATA_PROPERTY);
        return Path.of(data == null || data.isBlank() ? "data" : data, "recordings").toAbsolutePath();
    }
}
