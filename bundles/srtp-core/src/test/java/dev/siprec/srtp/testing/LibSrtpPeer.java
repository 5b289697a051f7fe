package dev.siprec.srtp.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The libsrtp2 reference peer: {@code src/test/c/srtp_peer.c} compiled with gcc against
 * {@code pkg-config libsrtp2} into {@code target/}, driven over stdin/stdout. Without gcc or
 * libsrtp2 the test fails when {@code CI=true} and is skipped with a message otherwise.
 */
public final class LibSrtpPeer implements AutoCloseable {
    private static Path binary;

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private LibSrtpPeer(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.addAll(args);
        try {
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** A peer with one master key (key || salt), no MKI. */
    public static LibSrtpPeer start(String suite, byte[] keyAndSalt) {
        return new LibSrtpPeer(List.of(suite, Hex.hex(keyAndSalt)));
    }

    /** A peer with two master keys told apart by MKI. */
    public static LibSrtpPeer startWithMki(String suite, byte[] key1, byte[] mki1, byte[] key2, byte[] mki2) {
        return new LibSrtpPeer(List.of(suite, Hex.hex(key1), Hex.hex(mki1), Hex.hex(key2), Hex.hex(mki2)));
    }

    /** @return the protected packet, or null when libsrtp refused (status in {@link #lastError}) */
    public byte[] protectRtp(byte[] rtp) {
        return call("P", rtp);
    }

    public byte[] unprotectRtp(byte[] srtp) {
        return call("U", srtp);
    }

    public byte[] protectRtcp(byte[] rtcp) {
        return call("PC", rtcp);
    }

    public byte[] unprotectRtcp(byte[] srtcp) {
        return call("UC", srtcp);
    }

    /** Protect with master key {@code index} (MKI mode) from now on. */
    public void useKey(int index) {
        command("K " + index);
    }

    /** Sets the sender's rollover counter of an SSRC it has already sent. */
    public void setRoc(long ssrc, long roc) {
        String r = command("R " + ssrc + " " + roc);
        if (!r.startsWith("OK")) {
            fail("srtp_set_stream_roc failed: " + r);
        }
    }

    private String lastError;

    public String lastError() {
        return lastError;
    }

    private byte[] call(String op, byte[] packet) {
        String r = command(op + " " + Hex.hex(packet));
        if (r.startsWith("OK ")) {
            lastError = null;
            return Hex.bytes(r.substring(3));
        }
        if (r.equals("OK")) {
            return new byte[0];
        }
        lastError = r;
        return null;
    }

    private String command(String line) {
        try {
            in.write(line);
            in.write('\n');
            in.flush();
            String r = out.readLine();
            if (r == null) {
                fail("libsrtp peer exited");
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    /** Compiles the helper once per JVM; skips (or fails in CI) without gcc and libsrtp2. */
    public static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        Path source = Path.of("src/test/c/srtp_peer.c").toAbsolutePath();
        Path target = Path.of("target/srtp_peer").toAbsolutePath();
        String problem = null;
        try {
            String flags = run(List.of("pkg-config", "--cflags", "--libs", "libsrtp2"));
            if (flags == null) {
                problem = "pkg-config cannot find libsrtp2 (apt-get install -y libsrtp2-dev pkg-config)";
            } else {
                List<String> cc = new ArrayList<>(List.of("gcc", "-O2", "-o", target.toString(), source.toString()));
                cc.addAll(List.of(flags.strip().split("\\s+")));
                if (run(cc) == null) {
                    problem = "gcc failed to build " + source;
                }
            }
        } catch (IOException e) {
            problem = "gcc or pkg-config missing: " + e.getMessage();
        }
        if (problem != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("libsrtp interop needs gcc, pkg-config and libsrtp2-dev in CI: " + problem);
            }
            Assumptions.abort("libsrtp interop skipped: " + problem);
        }
        binary = target;
        return binary;
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", cmd) + ":\n" + output);
            return null;
        }
        return output;
    }

    /** @return whether the helper exists already (for {@link Files} checks in tests) */
    public static boolean built() {
        return binary != null && Files.isExecutable(binary);
    }
}
