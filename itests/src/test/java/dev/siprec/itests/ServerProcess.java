package dev.siprec.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the assembled distribution in a private folder, started as a real process with
 * {@code bin/siprec}, administered with {@code bin/siprec-admin}. Every listener of the copy is moved
 * to a free port so tests never collide with anything else on the machine.
 */
final class ServerProcess implements AutoCloseable {
    private final Path home;
    private Process process;
    private boolean classDataSharing;

    private ServerProcess(Path home) {
        this.home = home;
    }

    /** Copies the distribution to {@code target/servers/<name>} and assigns free ports. */
    static ServerProcess copy(String name) throws IOException {
        Path home = Path.of("target", "servers", name).toAbsolutePath();
        deleteTree(home);
        copyTree(Distribution.home(), home);
        try (Stream<Path> cfgs = Files.list(home.resolve("etc"))) {
            for (Path cfg : cfgs.filter(p -> p.getFileName().toString().matches("dev\\.siprec\\.(admin\\.ssh|metrics|transport\\..*)\\.cfg")).toList()) {
                setProperty(cfg, "port", String.valueOf(freePort()));
            }
        }
        // The web console's HTTP port (framework property for the first moments, then the .cfg).
        Path http = home.resolve("etc/org.apache.felix.http.cfg");
        if (Files.exists(http)) {
            String httpPort = String.valueOf(freePort());
            setProperty(http, "org.osgi.service.http.port", httpPort);
            setProperty(home.resolve("etc/config.properties"), "org.osgi.service.http.port", httpPort);
        }
        // Test traffic stays on loopback: media is bound to and advertised as 127.0.0.1.
        Files.writeString(home.resolve("etc/dev.siprec.media.cfg"),
                "bind.address=127.0.0.1\nadvertised.address=127.0.0.1\nrtp.port.min=" + MEDIA_PORTS + "\nrtp.port.max=" + (MEDIA_PORTS + 1999) + "\n");
        return new ServerProcess(home);
    }

    /** Start of the media port range of test servers, away from the default 20000-39999 of a server running beside. */
    private static final int MEDIA_PORTS = 42000;

    Path home() {
        return home;
    }

    Path log() {
        return home.resolve("log/siprec.log");
    }

    Path stdout() {
        return home.resolve("log/stdout.txt");
    }

    /**
     * Starts with {@code bin/siprec}'s default class data sharing (a training JVM after the first start); the test
     * servers otherwise start with {@code SIPREC_CDS=off}, so that no training runs beside each test's server.
     */
    ServerProcess withClassDataSharing() {
        classDataSharing = true;
        return this;
    }

    /** Starts {@code bin/siprec --headless} with standard input closed. */
    ServerProcess start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/siprec").toString(), "--headless")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(stdout().toFile());
        pb.environment().remove("JAVA_OPTS");
        if (classDataSharing) {
            pb.environment().remove("SIPREC_CDS");
        } else {
            pb.environment().put("SIPREC_CDS", "off");
        }
        process = pb.start();
        return this;
    }

    /** @return the port of the {@code default} listener of a transport ({@code udp}, {@code tcp}, {@code tls}). */
    int port(String transport) throws IOException {
        for (String line : Files.readAllLines(home.resolve("etc/dev.siprec.transport." + transport + "-default.cfg"))) {
            if (line.matches("\\s*port\\s*=.*")) {
                return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        throw new IllegalStateException("no port in the " + transport + " listener configuration");
    }

    Process process() {
        return process;
    }

    /** Runs {@code bin/siprec-admin <command>}; waits at most 60 s. */
    Result admin(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(home.resolve("bin/siprec-admin").toString(), command).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("siprec-admin hung on " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /**
     * Waits, once the client's senders have finished, until {@code siprec:calls} shows at least {@code packets}
     * received (all streams together) for the active session of {@code callId}, or the same count three polls in a
     * row (packets the server refused, e.g. before its keys were installed, never arrive): the event a client waits
     * for before its BYE, so that nothing it sent is still on its way when the session ends, however late the machine
     * runs. Returns at the deadline in any case; the recording's own checks then tell what was missing.
     *
     * @return what {@code siprec:calls} last showed for the call
     */
    String awaitReceived(String callId, long packets, Duration timeout) throws IOException, InterruptedException {
        java.util.regex.Pattern row = java.util.regex.Pattern.compile(
                "(?m)^.*" + java.util.regex.Pattern.quote(callId) + ".*?\\s(\\d+)\\s+\\d+ \\(\\d+\\.\\d%\\).*$");
        String last = "";
        long seen = -1;
        int same = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            last = admin("siprec:calls").out();
            java.util.regex.Matcher m = row.matcher(last);
            if (m.find()) {
                long n = Long.parseLong(m.group(1));
                same = n == seen ? same + 1 : 0;
                seen = n;
                if (n >= packets || (n > 0 && same >= 2)) {
                    return m.group();
                }
            }
            Thread.sleep(100);
        }
        System.out.println("awaitReceived: " + packets + " packets of " + callId + " not shown within " + timeout + ":\n" + last);
        return last;
    }

    /** Waits until {@code siprec:status} answers; returns how long that took from now. */
    Duration awaitStatus(Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Result last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ": " + Files.readString(stdout()));
            }
            last = admin("siprec:status");
            if (last.status() == 0 && last.out().contains("SIPREC recording server") && readyToRecord()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("siprec:status did not answer within " + timeout + "; last: " + last);
    }

    /**
     * The shell answers before every component is up: wait until the SIP core has the recording
     * handler too, seen from outside as {@code siprec} in the {@code Supported} of an OPTIONS answer
     * (RFC 7866 §6.1.1). A server whose configuration refuses loopback or has no UDP listener is
     * taken as ready once its shell answers.
     */
    private boolean readyToRecord() {
        int udp;
        try {
            udp = port("udp");
        } catch (IOException | RuntimeException e) {
            return true;
        }
        try {
            String answer = SipProbe.udpOptions(udp);
            String first = SipProbe.firstLine(answer);
            if (first.contains(" 403 ") || first.contains(" 503 ")) {
                return true;
            }
            return java.util.regex.Pattern.compile("(?im)^(Supported|k)\\s*:.*\\bsiprec\\b").matcher(answer).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Waits until the server takes recording calls (see {@link #awaitStatus}, which includes {@link #readyToRecord}). */
    void awaitRecording(Duration timeout) throws Exception {
        awaitStatus(timeout);
    }

    /** Sends SIGTERM and waits for the exit; returns the exit status, or -1 if still running after {@code timeout}. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    record Result(int status, String out, String err) {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Replaces (or appends) {@code key=value} in a .cfg file, keeping the other lines. */
    static void setProperty(Path cfg, String key, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*[=:].*")) {
                lines.set(i, key + "=" + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + "=" + value);
        }
        Path tmp = cfg.resolveSibling(cfg.getFileName() + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
