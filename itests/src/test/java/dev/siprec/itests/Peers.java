package dev.siprec.itests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real peers outside the JVM (SIPp, gcc with libsrtp2, socat, openssl). In CI ({@code CI=true}) a
 * missing peer fails the test: {@code .ci/install-deps} must have installed it. Elsewhere the test is
 * skipped with the reason.
 */
final class Peers {
    private Peers() {
    }

    static Path require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String message = tool + " not found: apt-get install -y " + debianPackage + " (or run .ci/install-deps)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        assumeTrue(false, message);
        return null;
    }

    /** Builds the libsrtp-based media sender (src/test/c/rtp_sender.c) once into target/. */
    static synchronized Path rtpSender() throws IOException, InterruptedException {
        Path out = Path.of("target", "rtp_sender").toAbsolutePath();
        Path src = Path.of("src", "test", "c", "rtp_sender.c").toAbsolutePath();
        if (Files.exists(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) > 0) {
            return out;
        }
        Path gcc = require("gcc", "gcc");
        require("pkg-config", "pkg-config");
        if (!Files.exists(Path.of("/usr/include/srtp2/srtp.h"))) {
            String message = "libsrtp2 headers missing: apt-get install -y libsrtp2-dev";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            assumeTrue(false, message);
        }
        run(List.of("sh", "-c", gcc + " -O2 -o " + out + " " + src + " $(pkg-config --cflags --libs libsrtp2) -lm"), 60);
        return out;
    }

    /** Runs a command, failing with its output when it does not exit 0 in time. */
    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String[] out = new String[1];
        Thread reader = new Thread(() -> {
            try {
                out[0] = new String(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                out[0] = e.toString();
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(1000);
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s:\n" + out[0]);
        }
        reader.join();
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out[0]);
        }
        return out[0];
    }
}
