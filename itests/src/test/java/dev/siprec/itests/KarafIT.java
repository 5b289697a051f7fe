package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The features descriptor installed into a stock Apache Karaf, the way its README tells a Karaf
 * user: {@code feature:repo-add mvn:dev.siprec/siprec-features/<version>/xml/features} and
 * {@code feature:install siprec}, then a SIPREC call placed by SIPp is recorded and the
 * {@code siprec:*} commands answer in Karaf's own shell (through {@code bin/client}, Karaf's SSH
 * console). The project's artifacts are served to Karaf from a Maven-layout folder built from the
 * distribution's jars, so nothing is installed into the developer's local repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KarafIT {
    private Path karaf;
    private Path recordings;
    private String password;
    private int sshPort;
    private int sipPort;
    private String version;
    private Process process;

    @BeforeAll
    void start() throws Exception {
        Path stock = Path.of(System.getProperty("siprec.karaf", "target/karaf-dist/apache-karaf-4.4.10"));
        Path features = Path.of(System.getProperty("siprec.features", "../features/target/feature/feature.xml"));
        Path distribution = Path.of(System.getProperty("siprec.distribution", "../runtime/target/siprec"));
        assertTrue(Files.isDirectory(stock), "Karaf not unpacked at " + stock);
        assertTrue(Files.isRegularFile(features), "features descriptor not built at " + features);

        karaf = Path.of("target", "karaf-run-" + System.nanoTime()).toAbsolutePath();
        ServerProcess.copyTree(stock, karaf);
        Path repo = karaf.resolve("siprec-repo");
        version = publish(distribution, features, repo);

        password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        sshPort = ServerProcess.freePort();
        sipPort = ServerProcess.freePort();
        recordings = karaf.resolve("data/siprec/recordings");
        Path etc = karaf.resolve("etc");
        edit(etc.resolve("users.properties"), s -> s
                .replace("#karaf = karaf,_g_:admingroup", "karaf = " + password + ",_g_:admingroup")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup"));
        edit(etc.resolve("org.apache.karaf.shell.cfg"), s -> s
                .replaceAll("(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort)
                .replaceAll("(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1"));
        edit(etc.resolve("org.apache.karaf.management.cfg"), s -> {
            try {
                return s.replaceAll("(?m)^rmiRegistryPort\\s*=.*$", "rmiRegistryPort = " + ServerProcess.freePort())
                        .replaceAll("(?m)^rmiServerPort\\s*=.*$", "rmiServerPort = " + ServerProcess.freePort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String m2 = System.getProperty("siprec.m2", System.getProperty("user.home") + "/.m2/repository");
        edit(etc.resolve("org.ops4j.pax.url.mvn.cfg"), s -> s.replace("org.ops4j.pax.url.mvn.defaultRepositories=\\\n",
                "org.ops4j.pax.url.mvn.defaultRepositories=\\\n    " + repo.toUri() + "@id=siprec@snapshots, \\\n    "
                        + Path.of(m2).toUri() + "@id=local@snapshots, \\\n"));
        Files.writeString(etc.resolve("dev.siprec.transport.udp-default.cfg"),
                "bind.address = 127.0.0.1\nport = " + sipPort + "\n");
        Files.writeString(etc.resolve("dev.siprec.recording.wav.cfg"), "directory = " + recordings + "\n");
        // test traffic stays on loopback: the offer says c=127.0.0.1, and media latches only to that address
        Files.writeString(etc.resolve("dev.siprec.media.cfg"),
                "bind.address = 127.0.0.1\nadvertised.address = 127.0.0.1\nrtp.port.min = 44000\nrtp.port.max = 45999\n");
        Files.writeString(etc.resolve("dev.siprec.metrics.cfg"), "port = 0\n"); // never collide with a server running beside

        process = new ProcessBuilder(karaf.resolve("bin/karaf").toString(), "server")
                .directory(karaf.toFile())
                .redirectErrorStream(true)
                .redirectOutput(karaf.resolve("karaf.out").toFile())
                .start();
        assertTrue(Await.until(Duration.ofSeconds(120), () -> client("bundle:list -t 0").status() == 0),
                "Karaf's console did not answer within 120 s:\n" + tail(karaf.resolve("data/log/karaf.log")));
    }

    @AfterAll
    void stop() throws Exception {
        if (process == null) {
            return;
        }
        // bin/karaf runs Karaf's JVM as a child: stop that JVM, not only the script
        List<ProcessHandle> jvms = process.descendants().toList();
        jvms.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle h : jvms) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void featureInstallsAndRecordsACallWithTheShellCommandsInKarafsConsole() throws Exception {
        ok("feature:repo-add mvn:dev.siprec/siprec-features/" + version + "/xml/features", Duration.ofSeconds(60));
        ok("feature:install siprec", Duration.ofSeconds(240));

        assertTrue(Await.until(Duration.ofSeconds(60), () -> {
            ServerProcess.Result r = client("siprec:transports");
            return r.status() == 0 && r.out().contains(":" + sipPort) && r.out().contains("LISTENING");
        }), "the UDP listener did not come up:\n" + client("siprec:transports").out() + tail(karaf.resolve("data/log/karaf.log")));
        String status = ok("siprec:status", Duration.ofSeconds(30)).out();
        assertTrue(status.contains("dev.siprec.siprec") && status.contains("AES_CM_128_HMAC_SHA1_80"), status);

        SiprecCall call = new SiprecCall("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80", 2000);
        call.place(karaf.resolve("sipp"), "u1", sipPort);
        Path dir = call.awaitRecording(recordings, "complete", Duration.ofSeconds(30));
        Audio s1 = Audio.read(dir.resolve("stream-1.wav"));
        assertEquals(2.0, s1.seconds(), 0.1, "stream-1.wav duration");
        assertEquals(440.0, s1.dominant(0, 440, 1000), "tone of label 1");

        String listed = ok("siprec:recordings", Duration.ofSeconds(30)).out();
        assertTrue(listed.contains(dir.getFileName().toString()), listed);
        String stats = ok("siprec:stats suite", Duration.ofSeconds(30)).out();
        assertTrue(stats.contains("AES_CM_128_HMAC_SHA1_80"), stats);
        ok("siprec:calls", Duration.ofSeconds(30));
        ok("siprec:suites", Duration.ofSeconds(30));
        ok("siprec:config-get dev.siprec.transport.udp-default", Duration.ofSeconds(30));

        // Karaf's own bundles may log errors of their own (an interrupted console job); ours must not
        List<String> ours = Files.readAllLines(karaf.resolve("data/log/karaf.log"), StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains("| ERROR |") && l.contains("dev.siprec")).toList();
        assertTrue(ours.isEmpty(), "ERROR from the server's bundles in Karaf's log:\n" + String.join("\n", ours));
    }

    private ServerProcess.Result ok(String command, Duration timeout) throws Exception {
        ServerProcess.Result r = client(command, timeout);
        assertEquals(0, r.status(), command + " failed: " + r.out() + r.err() + "\n" + tail(karaf.resolve("data/log/karaf.log")));
        assertTrue(!r.out().contains("Error executing command") && !r.out().contains("Command not found"), command + ": " + r.out());
        return r;
    }

    private ServerProcess.Result client(String command) {
        try {
            return client(command, Duration.ofSeconds(30));
        } catch (Exception e) {
            return new ServerProcess.Result(-1, "", e.toString());
        }
    }

    /** Runs one command in Karaf's console through its SSH client, as an operator would. */
    private ServerProcess.Result client(String command, Duration timeout) throws Exception {
        // batch mode (-b, commands on standard input): the exit status tells whether the command failed
        List<String> cmd = new ArrayList<>(List.of(karaf.resolve("bin/client").toString(), "-b", "-h", "127.0.0.1",
                "-a", String.valueOf(sshPort), "-u", "karaf", "-p", password, "-r", "1"));
        Path out = Files.createTempFile(karaf, "client", ".out");
        Path in = Files.createTempFile(karaf, "client", ".in");
        Files.writeString(in, command + "\n");
        Process p = new ProcessBuilder(cmd).directory(karaf.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(in.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return new ServerProcess.Result(-1, Files.readString(out), "timed out after " + timeout);
        }
        String text = Files.readString(out);
        Files.deleteIfExists(out);
        Files.deleteIfExists(in);
        return new ServerProcess.Result(p.exitValue(), text, "");
    }

    /**
     * Lays the distribution's project jars and the features descriptor out as a Maven repository,
     * named as the descriptor's {@code mvn:dev.siprec/<artifactId>/<version>} URLs expect.
     *
     * @return the project version
     */
    private static String publish(Path distribution, Path features, Path repo) throws IOException {
        Pattern jar = Pattern.compile("(dev\\.siprec\\.[a-z.]+?)-(\\d[^/]*)\\.jar");
        String version = null;
        List<Path> jars = new ArrayList<>();
        for (String folder : List.of("bundle", "optional")) {
            try (var s = Files.list(distribution.resolve(folder))) {
                jars.addAll(s.toList());
            }
        }
        for (Path p : jars) {
            Matcher m = jar.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            version = m.group(2);
            Path dir = repo.resolve("dev/siprec/" + m.group(1) + "/" + version);
            Files.createDirectories(dir);
            Files.copy(p, dir.resolve(m.group(1) + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(version != null, "no project bundle in " + distribution);
        Path dir = repo.resolve("dev/siprec/siprec-features/" + version);
        Files.createDirectories(dir);
        Files.copy(features, dir.resolve("siprec-features-" + version + "-features.xml"), StandardCopyOption.REPLACE_EXISTING);
        return version;
    }

    private interface Edit {
        String apply(String s);
    }

    private static void edit(Path file, Edit edit) throws IOException {
        String before = Files.readString(file, StandardCharsets.ISO_8859_1);
        String after = edit.apply(before);
        assertTrue(!after.equals(before), "nothing changed in " + file + ": Karaf's stock file differs from what the test expects");
        Files.writeString(file, after, StandardCharsets.ISO_8859_1);
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
