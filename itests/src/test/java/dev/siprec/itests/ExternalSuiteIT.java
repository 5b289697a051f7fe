package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A suite written outside the reactor ({@code examples/srtp-suite-example}, {@code NULL_HMAC_SHA1_32},
 * built here from that folder against the reactor's api and srtp-spi jars only), dropped into
 * {@code deploy/} of a running distribution with no configuration edit: it is negotiated for an
 * offer made by SIPp with media from libsrtp (policy set by hand), and the call is recorded. Then
 * the jar is deleted while a second call uses it: that call finishes intact, and a new offer naming
 * only that suite is refused with {@code 488} and a reason that names it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalSuiteIT {
    private static final String SUITE = "NULL_HMAC_SHA1_32";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ServerProcess server;
    private Path work;
    private Path jar;

    @BeforeAll
    void buildTheExampleAndStartAServer() throws Exception {
        Peers.require("sipp", "sip-tester");
        Peers.rtpSender();
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path example = root.resolve("examples/srtp-suite-example");
        Peers.run(List.of(example.resolve("build-against-reactor.sh").toString(), root.toString(), "-q", "package"), 300);
        try (Stream<Path> jars = Files.list(example.resolve("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("org\\.example\\.siprec\\.suite\\.null32-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("the example built no jar"));
        }
        server = ServerProcess.copy("external-suite").start();
        server.awaitStatus(Duration.ofSeconds(60));
        work = Path.of("target", "sipp-external-suite").toAbsolutePath();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aSuiteDroppedIntoDeployIsNegotiatedAndTheCallRecorded() throws Exception {
        assertFalse(suites().contains(SUITE), "the server does not ship " + SUITE);
        long start = System.nanoTime();
        Path deployed = server.home().resolve("deploy").resolve(jar.getFileName());
        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Await.until(WAIT, () -> suites().contains(SUITE)), "suite not registered from deploy/: " + suites());
        System.out.printf("%s registered %d ms after the copy into deploy/%n", SUITE, (System.nanoTime() - start) / 1_000_000);

        SiprecCall call = new SiprecCall(SUITE, SUITE, 3000);
        call.place(work, "u1", server.port("udp"));
        Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", WAIT);
        checkRecording(dir, call);
    }

    @Test
    @Order(2)
    void deletingTheJarMidCallLeavesTheCallIntactAndNewOffersAreRefusedWithTheReason() throws Exception {
        Path deployed = server.home().resolve("deploy").resolve(jar.getFileName());
        assertTrue(Files.exists(deployed), "runs after the deploy test");
        SiprecCall call = new SiprecCall(SUITE, SUITE, 6000);
        Process sipp = call.start(work, "u1", server.port("udp"));
        call.awaitRecording(server.home().resolve("data/recordings"), "active", WAIT);

        Files.delete(deployed);
        assertTrue(Await.until(WAIT, () -> !suites().contains(SUITE)), "suite still registered: " + suites());

        String refused = SipProbe.udp(server.port("udp"), invite(server.port("udp")), 5000);
        assertNotNull(refused, "no final answer to an offer naming only the removed suite");
        assertTrue(refused.startsWith("SIP/2.0 488"), refused);
        String warning = header(refused, "Warning");
        assertTrue(warning.contains(SUITE), "the reason names the suite: " + refused);
        System.out.println("offer after the removal: " + SipProbe.firstLine(refused) + ", Warning: " + warning);

        call.await(work, sipp, Duration.ofSeconds(60));
        Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", WAIT);
        checkRecording(dir, call);
    }

    private void checkRecording(Path dir, SiprecCall call) throws IOException {
        TwoTones.assertRecorded(dir, call.durationMs / 1000.0, () -> call.senderReport(work));
        String json = Files.readString(dir.resolve("session.json"));
        assertTrue(json.contains(SUITE), json);
        java.util.regex.Matcher received = java.util.regex.Pattern.compile("\"received\"\\s*:\\s*(\\d+)").matcher(json);
        int streams = 0;
        while (received.find()) {
            streams++;
            int n = Integer.parseInt(received.group(1));
            assertTrue(n >= call.durationMs / 20 * 95 / 100, "packets received per stream: " + n + " in " + json);
        }
        assertEquals(2, streams, json);
    }

    private String suites() {
        try {
            return server.admin("siprec:suites").out();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    /** The SIPp scenario's INVITE, rendered here for a single UDP request offering only {@link #SUITE}. */
    private static String invite(int port) throws IOException {
        String template;
        try (var in = ExternalSuiteIT.class.getResourceAsStream("/sipp/siprec-call.xml.template")) {
            template = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        int from = template.indexOf("<![CDATA[") + "<![CDATA[".length();
        String text = template.substring(from, template.indexOf("]]>", from));
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGx0e";
        String crypto = "      a=crypto:1 " + SUITE + " inline:" + key + "\n";
        text = text.replace("@PROTO@", "RTP/SAVP").replace("@CRYPTO1@", crypto).replace("@CRYPTO2@", crypto)
                .replace("[remote_ip]", "127.0.0.1").replace("[remote_port]", String.valueOf(port))
                .replace("[local_ip]", "127.0.0.1").replace("[local_port]", "5999").replace("[transport]", "UDP")
                .replace("[branch]", "z9hG4bK-" + UUID.randomUUID()).replace("[pid]SRC[call_number]", "ext1")
                .replace("[call_id]", "external-suite-" + UUID.randomUUID());
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\n", -1)) {
            out.append(line.strip()).append("\r\n");
        }
        String message = out.toString();
        int body = message.indexOf("\r\n\r\n") + 4;
        int length = message.substring(body).getBytes(StandardCharsets.UTF_8).length;
        return message.replace("[len]", String.valueOf(length));
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }
}
