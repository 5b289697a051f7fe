package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The assembled distribution as an operator runs it: {@code bin/siprec --headless}, administered
 * with {@code bin/siprec-admin}, configured by editing {@code etc/*.cfg}, extended by dropping
 * bundles into {@code deploy/}, stopped with SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {
    private ServerProcess server;

    @BeforeAll
    void start() throws Exception {
        server = ServerProcess.copy("distribution").withClassDataSharing().start();
        Duration d = server.awaitStatus(Duration.ofSeconds(60));
        System.out.println("cold start to siprec:status answering: " + d.toMillis() + " ms");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void adminRunsCommandsAndReportsFailure() throws Exception {
        ServerProcess.Result status = server.admin("siprec:status");
        assertEquals(0, status.status(), status.err());
        assertTrue(status.out().contains("dev.siprec.api"), status.out());
        assertTrue(status.out().contains("ACTIVE"), status.out());
        assertFalse(status.out().contains("INSTALLED"), "a project bundle did not resolve:\n" + status.out());

        ServerProcess.Result bad = server.admin("siprec:nosuchcommand");
        assertNotEquals(0, bad.status());
        assertTrue(bad.err().contains("not found"), bad.err());
    }

    @Test
    @Order(2)
    void adminSecretIsPrivateToTheServerUser() throws Exception {
        Path secret = server.home().resolve("data/admin/secret");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    }

    @Test
    @Order(3)
    void editingACfgFileReconfiguresTheRunningComponent() throws Exception {
        Path cfg = server.home().resolve("etc/dev.siprec.admin.ssh.cfg");
        Path portFile = server.home().resolve("data/admin/port");
        String before = Files.readString(portFile).trim();
        int newPort = ServerProcess.freePort();
        ServerProcess.setProperty(cfg, "port", String.valueOf(newPort));
        assertTrue(Await.until(Duration.ofSeconds(10), () -> {
            try {
                return Files.readString(portFile).trim().equals(String.valueOf(newPort));
            } catch (java.io.IOException e) {
                return false;
            }
        }), "admin channel did not move from " + before + " to " + newPort);
        assertEquals(0, server.admin("siprec:status").status());
    }

    @Test
    @Order(4)
    void bundleDroppedIntoDeployIsInstalledAndRemovedLive() throws Exception {
        Path optional = Distribution.jar("optional", "dev.siprec.srtp.suite.null");
        Path deployed = server.home().resolve("deploy").resolve(optional.getFileName());
        Files.copy(optional, deployed);
        assertTrue(Await.until(Duration.ofSeconds(30), () -> statusContains("NULL_HMAC_SHA1_80")),
                "suite from deploy/ did not appear in siprec:status");
        Files.delete(deployed);
        assertTrue(Await.until(Duration.ofSeconds(30), () -> !statusContains("NULL_HMAC_SHA1_80")),
                "suite still listed after its jar was deleted");
    }

    /**
     * Hot swap through the admin channel alone, as the README documents it: every bundle command
     * by id and by symbolic name on the headless server (no interactive console, so no console
     * converters).
     */
    @Test
    @Order(5)
    void bundleLifecycleCommandsWorkHeadlessByIdAndName() throws Exception {
        String name = "dev.siprec.srtp.suite.null";
        Path jar = Distribution.jar("optional", name);
        ServerProcess.Result installed = adminOk("install " + jar.toUri());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Bundle ID: (\\d+)").matcher(installed.out());
        assertTrue(m.find(), "install printed no bundle id: " + installed.out());
        String id = m.group(1);

        adminOk("start " + id);
        assertTrue(Await.until(Duration.ofSeconds(10), () -> statusContains("NULL_HMAC_SHA1_80")), "started suite not registered");
        assertTrue(adminOk("lb").out().matches("(?s).*\\b" + id + "\\s*\\|\\s*Active.*"), "lb does not show it active");
        assertTrue(adminOk("headers " + id).out().contains("Bundle-SymbolicName = " + name));
        assertTrue(adminOk("headers " + name).out().contains("Bundle-SymbolicName = " + name));
        assertTrue(adminOk("inspect capability service " + name).out().contains("SrtpCryptoSuite"));

        adminOk("stop " + name);
        assertTrue(Await.until(Duration.ofSeconds(10), () -> !statusContains("NULL_HMAC_SHA1_80")), "stopped suite still registered");
        adminOk("start " + name);
        assertTrue(Await.until(Duration.ofSeconds(10), () -> statusContains("NULL_HMAC_SHA1_80")), "suite not back after start by name");
        adminOk("stop " + id);
        adminOk("update " + id);
        adminOk("update " + name);
        adminOk("refresh " + id);
        adminOk("start " + id);
        assertTrue(Await.until(Duration.ofSeconds(10), () -> statusContains("NULL_HMAC_SHA1_80")), "suite not back after update/refresh");

        adminOk("uninstall " + name);
        assertTrue(Await.until(Duration.ofSeconds(10), () -> !statusContains("NULL_HMAC_SHA1_80")), "uninstalled suite still registered");
        ServerProcess.Result gone = server.admin("stop " + id);
        assertNotEquals(0, gone.status(), "stop of an uninstalled bundle succeeded: " + gone.out());
        ServerProcess.Result unknown = server.admin("start dev.siprec.no.such.bundle");
        assertNotEquals(0, unknown.status());
        assertTrue(unknown.err().contains("no installed bundle"), unknown.err());
        // Felix's own install prints its exception and returns: the exit status must still say it failed
        ServerProcess.Result badUrl = server.admin("install file:/no/such/siprec-bundle.jar");
        assertNotEquals(0, badUrl.status(), "install of a missing jar exited 0: " + badUrl.out() + badUrl.err());
    }

    /** Configuration from the shell: validated against the metatype, live, and written back to etc/. */
    @Test
    @Order(6)
    void configCommandsMoveTheTlsListenerAndPersist() throws Exception {
        String tls = "dev.siprec.transport.tls-default";
        assertTrue(adminOk("siprec:config-list").out().contains(tls));
        assertTrue(adminOk("siprec:config-get " + tls).out().contains("client.auth"));

        ServerProcess.Result bad = server.admin("siprec:config-set " + tls + " port fifty");
        assertNotEquals(0, bad.status(), bad.out());
        assertTrue(bad.err().contains("port must be an integer"), bad.err());
        ServerProcess.Result unknown = server.admin("siprec:config-set " + tls + " prot 5000");
        assertNotEquals(0, unknown.status(), unknown.out());
        assertTrue(unknown.err().contains("unknown key prot"), unknown.err());

        int port = ServerProcess.freePort();
        adminOk("siprec:config-set " + tls + " port " + port);
        assertTrue(Await.until(Duration.ofSeconds(20), () -> {
            try {
                ServerProcess.Result r = server.admin("siprec:transports");
                return r.status() == 0 && r.out().contains(":" + port);
            } catch (Exception e) {
                return false;
            }
        }), "TLS listener did not move to " + port);
        Path file = server.home().resolve("etc/" + tls + ".cfg");
        assertTrue(Await.until(Duration.ofSeconds(10), () -> read(file).matches("(?s).*port\\s*=\\s*\"?I?\"?" + port + ".*")),
                "change not written back to " + file + ":\n" + read(file));

        Path sip = server.home().resolve("etc/dev.siprec.sip.cfg");
        assertFalse(Files.exists(sip));
        adminOk("siprec:config-set dev.siprec.sip retry.after 45");
        assertTrue(Await.until(Duration.ofSeconds(10), () -> read(sip).contains("45")), "new configuration not saved to " + sip);
        assertTrue(Await.until(Duration.ofSeconds(20), () -> {
            try {
                ServerProcess.Result r = server.admin("siprec:config-get dev.siprec.sip");
                return r.status() == 0 && r.out().contains("45");
            } catch (Exception e) {
                return false;
            }
        }), "new configuration not applied");
        adminOk("siprec:config-delete dev.siprec.sip");
        assertTrue(Await.until(Duration.ofSeconds(10), () -> !Files.exists(sip)), "deleted configuration's file remains");
        assertNotEquals(0, server.admin("siprec:config-get dev.siprec.sip").status());
    }

    /** The certificate inventory names the TLS listener's identity with the fingerprint of the file it serves. */
    @Test
    @Order(8)
    void certsListsTheTlsIdentityWithItsFingerprint() throws Exception {
        Path pem;
        try (var files = Files.list(server.home().resolve("data/tls"))) {
            pem = files.filter(f -> f.getFileName().toString().endsWith(".crt.pem")).findFirst().orElseThrow();
        }
        java.security.cert.X509Certificate cert;
        try (var in = Files.newInputStream(pem)) {
            cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
        String fingerprint = java.util.HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        String out = adminOk("siprec:certs").out();
        assertTrue(out.contains("identity"), out);
        assertTrue(out.contains(fingerprint), "fingerprint of " + pem + " missing:\n" + out);
        assertTrue(out.contains("DAYS LEFT"), out);
    }

    /** Drain for maintenance: OPTIONS (a load balancer's probe) gets 503 at once, and again after undrain 200. */
    @Test
    @Order(7)
    void drainAnswersOptionsWith503UntilUndrain() throws Exception {
        int udp = server.port("udp");
        assertTrue(SipProbe.firstLine(SipProbe.udpOptions(udp)).contains("200"));
        ServerProcess.Result drain = adminOk("siprec:drain --wait --timeout 30");
        assertTrue(drain.out().contains("drained") || drain.out().contains("none left"), drain.out());
        String answer = SipProbe.udpOptions(udp);
        assertTrue(SipProbe.firstLine(answer).contains("503"), answer);
        assertTrue(answer.contains("Retry-After"), answer);
        Path sip = server.home().resolve("etc/dev.siprec.sip.cfg");
        assertTrue(Await.until(Duration.ofSeconds(10), () -> read(sip).contains("true")), "draining not saved to " + sip);

        adminOk("siprec:undrain");
        assertTrue(SipProbe.firstLine(SipProbe.udpOptions(udp)).contains("200"));
        assertTrue(Await.until(Duration.ofSeconds(10), () -> read(sip).contains("false")), "undrain not saved to " + sip);
        // FileInstall applying the saved file must not bring draining back
        assertTrue(Await.until(Duration.ofSeconds(10), () -> {
            try {
                return SipProbe.firstLine(SipProbe.udpOptions(udp)).contains("200");
            } catch (java.io.IOException e) {
                return false;
            }
        }));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private ServerProcess.Result adminOk(String command) throws Exception {
        ServerProcess.Result r = server.admin(command);
        assertEquals(0, r.status(), command + " failed: " + r.out() + r.err());
        return r;
    }

    @Test
    @Order(9)
    void theFirstStartTrainsAClassDataSharingArchiveInTheBackground() throws Exception {
        Path cds = server.home().resolve("data/cds");
        assertTrue(Await.until(Duration.ofSeconds(180), () -> archive(cds) != null),
                "no archive in data/cds after the first start; training.log: " + readOrNothing(cds.resolve("training.log")));
        assertTrue(statusContains("UP"), "the server kept running during the training");
    }

        @Test
    @Order(10)
    void sigtermStopsGracefullyWithExitZero() throws Exception {
        long start = System.nanoTime();
        int exit = server.terminate(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("SIGTERM to exit: " + millis + " ms");
        assertEquals(0, exit, "exit status after SIGTERM (-1: still running after 10 s)");
        String log = Files.readString(server.log());
        assertFalse(log.contains("\tat "), "stack trace in the log:\n" + log);
        assertFalse(log.contains("| ERROR |"), "ERROR in the log:\n" + log);
        assertTrue(log.contains("admin channel stopped"), "components were not deactivated:\n" + log);
    }

    @Test
    @Order(11)
    void theNextStartMapsTheArchive() throws Exception {
        Path archive = archive(server.home().resolve("data/cds"));
        assertTrue(archive != null, "the archive of the first start is gone");
        server.start();
        try {
            server.awaitStatus(Duration.ofSeconds(60));
            java.util.List<String> args = java.util.Arrays.asList(server.process().info().arguments().orElse(new String[0]));
            assertTrue(args.contains("-XX:SharedArchiveFile=" + archive), "JVM arguments: " + args);
            assertEquals(0, server.terminate(Duration.ofSeconds(10)), "exit status after SIGTERM");
        } finally {
            server.close();
        }
    }

    private static Path archive(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.exists(dir) ? Files.list(dir) : java.util.stream.Stream.empty()) {
            return s.filter(p -> p.getFileName().toString().matches("siprec-\\d+\\.jsa")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String readOrNothing(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private boolean statusContains(String text) {
        try {
            ServerProcess.Result r = server.admin("siprec:status");
            return r.status() == 0 && r.out().contains(text);
        } catch (Exception e) {
            return false;
        }
    }
}
