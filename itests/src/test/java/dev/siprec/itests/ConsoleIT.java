package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code bin/siprec} from a terminal gives the interactive Gogo console. The terminal is a pseudo
 * terminal from util-linux {@code script}, so the launcher sees a console exactly as with a person.
 */
class ConsoleIT {

    @Test
    void interactiveConsoleRunsStatusAndStops() throws Exception {
        ServerProcess copy = ServerProcess.copy("console");
        ProcessBuilder pb = new ProcessBuilder("script", "-qefc", copy.home().resolve("bin/siprec").toString(), "/dev/null")
                .redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        Process p = pb.start();
        try {
            StringBuilder seen = new StringBuilder();
            InputStream in = p.getInputStream();
            OutputStream out = p.getOutputStream();
            assertTrue(readUntil(in, seen, "g!", Duration.ofSeconds(60)), "no Gogo prompt:\n" + seen);
            // The prompt may come before the last bundles: retry until the command exists.
            boolean answered = false;
            for (int i = 0; i < 20 && !answered; i++) {
                out.write("siprec:status\r".getBytes(StandardCharsets.UTF_8));
                out.flush();
                answered = readUntil(in, seen, "Recording sinks:", Duration.ofSeconds(3));
            }
            assertTrue(answered, "siprec:status did not answer on the console:\n" + seen);
            out.write("stop 0\r".getBytes(StandardCharsets.UTF_8));
            out.flush();
            drain(in, p, Duration.ofSeconds(15));
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "console did not stop the server");
            assertEquals(0, p.exitValue());
            assertTrue(Files.readString(copy.log()).contains("admin channel stopped"));
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean readUntil(InputStream in, StringBuilder seen, String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline) {
            if (seen.indexOf(marker) >= 0) {
                int at = seen.indexOf(marker);
                seen.delete(0, at + marker.length());
                return true;
            }
            if (in.available() > 0) {
                int n = in.read(buf);
                if (n < 0) {
                    return false;
                }
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            } else {
                Thread.sleep(50);
            }
        }
        return seen.indexOf(marker) >= 0;
    }

    private static void drain(InputStream in, Process p, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (in.available() > 0) {
                in.read(buf);
            } else {
                Thread.sleep(50);
            }
        }
    }
}
