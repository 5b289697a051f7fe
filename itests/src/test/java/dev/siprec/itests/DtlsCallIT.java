package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end with DTLS-SRTP (issue 10): the assembled server with the DTLS bundle from
 * {@code optional/} dropped into {@code deploy/}; a SIPREC call over UDP whose SDP offers
 * {@code UDP/TLS/RTP/SAVP} with {@code a=fingerprint}, {@code a=setup:actpass}, {@code a=rtcp-mux}
 * and {@code a=tls-id} on two m-lines. For each stream OpenSSL runs the DTLS handshake with the
 * server's media port and libsrtp, keyed with the exported client write key, sends a tone (440 Hz on
 * label 1 with {@code SRTP_AES128_CM_SHA1_80}, 1000 Hz on label 2 with {@code SRTP_AEAD_AES_128_GCM})
 * from the same port. The WAVs must hold the right tone for the right duration, and session.json the
 * DTLS key source, the profiles and the client's fingerprint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DtlsCallIT {
    private static final int DURATION_MS = 3000;
    static final String BOUNDARY = "OSS-unique-boundary-42";

    private ServerProcess server;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        Peers.require("openssl", "openssl");
        server = ServerProcess.copy("dtls-call");
        Path jar = Distribution.jar("optional", "dev.siprec.srtp.dtls");
        Files.copy(jar, server.home().resolve("deploy").resolve(jar.getFileName()));
        server.start();
        server.awaitRecording(Duration.ofSeconds(60));
        assertTrue(Await.until(Duration.ofSeconds(30), this::dtlsUp),
                "the DTLS bundle from deploy/ did not start: " + server.admin("siprec:dtls"));
        work = Path.of("target", "dtls-calls").toAbsolutePath();
        Files.createDirectories(work);
    }

    private boolean dtlsUp() {
        try {
            ServerProcess.Result r = server.admin("siprec:dtls");
            return r.status() == 0 && r.out().contains("fingerprint");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dtlsSrtpCallIsRecordedWithTheRightTones() throws Exception {
        Path sender = Peers.rtpSender();
        Path[] client = DtlsSrtpPeer.makeCertificate(work, "dtls-it-src");
        String clientFingerprint = DtlsSrtpPeer.fingerprint(Files.readAllBytes(client[0]));
        int[] local = {ServerProcess.freePort(), ServerProcess.freePort()};
        String[] tlsIds = {tlsId(), tlsId()};
        String callId = "siprec-dtls-it-" + UUID.randomUUID();
        Map<String, Long> before = counters(server.admin("siprec:dtls").out());
        String[] serverFingerprint = new String[1];

        try (UdpSipClient sip = new UdpSipClient(server.port("udp"), callId)) {
            String ok = sip.invite(body(local, clientFingerprint, tlsIds), BOUNDARY);
            List<Answer> answers = answers(UdpSipClient.body(ok));
            assertEquals(2, answers.size(), ok);
            for (Answer a : answers) {
                assertTrue(a.port > 0, "m-line refused: " + ok);
                assertEquals("passive", a.setup, "the server is the DTLS server when offered actpass (RFC 5763 §5): " + ok);
                assertNotNull(a.fingerprint, "a=fingerprint in the answer: " + ok);
                assertTrue(a.rtcpMux, "a=rtcp-mux answered when offered (RFC 5761 §5.1.1): " + ok);
                assertNotNull(a.tlsId, "a=tls-id answered when offered (RFC 8842 §5.2): " + ok);
            }
            sip.ack();
            serverFingerprint[0] = answers.get(0).fingerprint;

            DtlsSrtpPeer.Profile[] profiles = {DtlsSrtpPeer.Profile.AES128_CM_SHA1_80, DtlsSrtpPeer.Profile.AEAD_AES_128_GCM};
            List<CompletableFuture<DtlsSrtpPeer.Handshake>> handshakes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                handshakes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return DtlsSrtpPeer.handshake(local[n], answers.get(n).address, answers.get(n).port, profiles[n], client, 20);
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }));
            }
            List<Process> senders = new ArrayList<>();
            int[] tones = {440, 1000};
            for (int i = 0; i < 2; i++) {
                DtlsSrtpPeer.Handshake hs = handshakes.get(i).get(40, TimeUnit.SECONDS);
                System.out.printf("DTLS handshake of stream %d (%s, OpenSSL s_client start to exported keys): %d ms%n",
                        i + 1, hs.profile(), hs.millis());
                assertEquals(profiles[i].dtlsName, hs.profile(), "use_srtp profile chosen");
                assertEquals(answers.get(i).fingerprint, "sha-256 " + hs.peerFingerprint(),
                        "the certificate the server presented is the one its answer named (RFC 5763 §5)");
                senders.add(DtlsSrtpPeer.send(sender, work.resolve(callId + ".sender." + (i + 1)), local[i],
                        answers.get(i).address, answers.get(i).port, tones[i], DURATION_MS, 1111L * (i + 1), profiles[i],
                        hs.keyAndSalt()));
                Arrays.fill(hs.keyAndSalt(), (byte) 0);
            }
            keysShowDtls(clientFingerprint);
            for (int i = 0; i < senders.size(); i++) {
                Process p = senders.get(i);
                assertTrue(p.waitFor(DURATION_MS + 20_000L, TimeUnit.MILLISECONDS), "sender " + (i + 1) + " did not finish");
                assertEquals(0, p.exitValue(), Files.readString(work.resolve(callId + ".sender." + (i + 1))));
            }
            server.awaitReceived(callId, 2L * (DURATION_MS / 20), Duration.ofSeconds(30)); // nothing in flight at the BYE
            sip.bye();
        }
        check(callId, "server", clientFingerprint, "SRTP_AES128_CM_SHA1_80", "SRTP_AEAD_AES_128_GCM", "AEAD_AES_128_GCM");
        certsListTheDtlsCertificate(serverFingerprint[0]);
        String dtls = server.admin("siprec:dtls").out();
        System.out.println("siprec:dtls after the call:\n" + dtls);
        Map<String, Long> after = counters(dtls);
        assertEquals(2, after.get("handshakes.completed") - before.get("handshakes.completed"), dtls);
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith("refused.")) {
                assertEquals(before.get(e.getKey()), e.getValue(), "no refusal on a clean call: " + dtls);
            }
        }
    }

    /**
     * {@code a=setup:passive} offered: the server answers {@code a=setup:active} and, as DTLS client,
     * connects from its media ports to {@code openssl s_server} listening on the offer's ports; the
     * offerer's SRTP is then keyed with the DTLS server's write key (RFC 5764 §4.2) and sent from those
     * ports (label 1 {@code SRTP_AES128_CM_SHA1_80}, label 2 {@code SRTP_AEAD_AES_256_GCM}).
     */
    @Test
    void passiveOfferMakesTheServerConnectAndTheCallIsRecorded() throws Exception {
        Path sender = Peers.rtpSender();
        Path[] client = DtlsSrtpPeer.makeCertificate(work, "dtls-it-src3");
        String clientFingerprint = DtlsSrtpPeer.fingerprint(Files.readAllBytes(client[0]));
        int[] local = {ServerProcess.freePort(), ServerProcess.freePort()};
        DtlsSrtpPeer.Profile[] profiles = {DtlsSrtpPeer.Profile.AES128_CM_SHA1_80, DtlsSrtpPeer.Profile.AEAD_AES_256_GCM};
        String callId = "siprec-dtls-active-it-" + UUID.randomUUID();
        List<DtlsSrtpPeer.Server> servers = new ArrayList<>();
        try (UdpSipClient sip = new UdpSipClient(server.port("udp"), callId)) {
            for (int i = 0; i < 2; i++) {
                servers.add(new DtlsSrtpPeer.Server(local[i], profiles[i], client));
                servers.get(i).awaitListening(20);
            }
            String ok = sip.invite(body(local, clientFingerprint, new String[] {tlsId(), tlsId()}, "passive"), BOUNDARY);
            List<Answer> answers = answers(UdpSipClient.body(ok));
            assertEquals(2, answers.size(), ok);
            for (Answer a : answers) {
                assertEquals("active", a.setup, "a=setup:passive is answered active: the server connects (RFC 4145 §4): " + ok);
            }
            sip.ack();
            List<Process> senders = new ArrayList<>();
            int[] tones = {440, 1000};
            for (int i = 0; i < 2; i++) {
                DtlsSrtpPeer.Handshake hs = servers.get(i).await(40);
                System.out.printf("DTLS handshake of stream %d with the server as DTLS client (%s, from s_server listening, INVITE and answer included, to exported keys): %d ms%n",
                        i + 1, hs.profile(), hs.millis());
                assertEquals(profiles[i].dtlsName, hs.profile(), "use_srtp profile chosen by s_server");
                assertEquals(answers.get(i).fingerprint, "sha-256 " + hs.peerFingerprint(),
                        "the certificate the server presented as client is the one its answer named (RFC 5763 §5)");
                senders.add(DtlsSrtpPeer.send(sender, work.resolve(callId + ".sender." + (i + 1)), local[i],
                        answers.get(i).address, answers.get(i).port, tones[i], DURATION_MS, 1111L * (i + 1), profiles[i], hs.keyAndSalt()));
                Arrays.fill(hs.keyAndSalt(), (byte) 0);
            }
            String[] keys = {""};
            assertTrue(Await.until(Duration.ofSeconds(20), () -> {
                keys[0] = admin("siprec:keys"); // keys install on the stream's I/O thread after the handshake
                return keys[0].contains("client") && keys[0].contains("SRTP_AEAD_AES_256_GCM");
            }), "siprec:keys: role client, profiles: " + keys[0]);
            for (int i = 0; i < senders.size(); i++) {
                Process p = senders.get(i);
                assertTrue(p.waitFor(DURATION_MS + 20_000L, TimeUnit.MILLISECONDS), "sender " + (i + 1) + " did not finish");
                assertEquals(0, p.exitValue(), Files.readString(work.resolve(callId + ".sender." + (i + 1))));
            }
            server.awaitReceived(callId, 2L * (DURATION_MS / 20), Duration.ofSeconds(30)); // nothing in flight at the BYE
            sip.bye();
        } finally {
            servers.forEach(DtlsSrtpPeer.Server::close);
        }
        check(callId, "client", clientFingerprint, "SRTP_AES128_CM_SHA1_80", "SRTP_AEAD_AES_256_GCM", "AEAD_AES_256_GCM");
    }

    /**
     * The refusals of the issue, on the running server: on label 2's port random bytes in the DTLS
     * range (RFC 7983), a real ClientHello replayed from 40 source ports, and then a handshake with a
     * certificate other than the offer's {@code a=fingerprint}. Each is counted; label 1 (handshake,
     * SRTP, 440 Hz) records untouched and the call ends normally.
     */
    @Test
    void refusalsOnOneStreamAreCountedAndTheOtherStreamRecords() throws Exception {
        Path sender = Peers.rtpSender();
        Path[] client = DtlsSrtpPeer.makeCertificate(work, "dtls-it-src2");
        Path[] stranger = DtlsSrtpPeer.makeCertificate(work, "dtls-it-stranger");
        String clientFingerprint = DtlsSrtpPeer.fingerprint(Files.readAllBytes(client[0]));
        byte[] hello = DtlsSrtpPeer.captureClientHello(stranger);
        int[] local = {ServerProcess.freePort(), ServerProcess.freePort()};
        String callId = "siprec-dtls-refusals-it-" + UUID.randomUUID();
        Map<String, Long> before = counters(server.admin("siprec:dtls").out());

        try (UdpSipClient sip = new UdpSipClient(server.port("udp"), callId)) {
            List<Answer> answers = answers(UdpSipClient.body(sip.invite(body(local, clientFingerprint, new String[] {tlsId(), tlsId()}), BOUNDARY)));
            sip.ack();
            Answer good = answers.get(0);
            Answer attacked = answers.get(1);
            DtlsSrtpPeer.Handshake hs = DtlsSrtpPeer.handshake(local[0], good.address, good.port, DtlsSrtpPeer.Profile.AES128_CM_SHA1_80, client, 20);
            Process s1 = DtlsSrtpPeer.send(sender, work.resolve(callId + ".sender.1"), local[0], good.address, good.port, 440, DURATION_MS,
                    1111, DtlsSrtpPeer.Profile.AES128_CM_SHA1_80, hs.keyAndSalt());
            Arrays.fill(hs.keyAndSalt(), (byte) 0);

            java.net.InetSocketAddress target = new java.net.InetSocketAddress(attacked.address, attacked.port);
            java.security.SecureRandom random = new java.security.SecureRandom();
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", local[1]))) {
                for (int i = 0; i < 20; i++) {
                    byte[] junk = new byte[40 + random.nextInt(200)];
                    random.nextBytes(junk);
                    junk[0] = (byte) (20 + random.nextInt(44)); // the DTLS range of RFC 7983 §7, so it reaches the handshake
                    s.send(new java.net.DatagramPacket(junk, junk.length, target));
                }
            }
            for (int i = 0; i < 40; i++) {
                try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
                    s.send(new java.net.DatagramPacket(hello, hello.length, target));
                }
            }
            AssertionError refused = null;
            try {
                DtlsSrtpPeer.handshake(local[1], attacked.address, attacked.port, DtlsSrtpPeer.Profile.AES128_CM_SHA1_80, stranger, 20);
            } catch (AssertionError e) {
                refused = e;
            }
            assertNotNull(refused, "a certificate other than the offer's a=fingerprint completed a handshake");
            String[] last = {""};
            assertTrue(Await.until(Duration.ofSeconds(20), () -> {
                last[0] = admin("siprec:dtls");
                Map<String, Long> now = counters(last[0]);
                return delta(now, before, "refused.fingerprint.mismatch") == 1 && delta(now, before, "refused.garbage") >= 1
                        && delta(now, before, "hello.verify.sent") >= 40;
            }), "refusals counted: " + last[0]);
            System.out.println("siprec:dtls after the refusals:\n" + last[0]);
            Map<String, Long> now = counters(last[0]);
            assertEquals(1, delta(now, before, "handshakes.completed"), "only label 1's handshake completed: " + last[0]);
            assertEquals(2, delta(now, before, "handshakes.started"), "the flood started no handshake (stateless cookies): " + last[0]);
            assertTrue(s1.waitFor(DURATION_MS + 20_000L, TimeUnit.MILLISECONDS), "sender 1 did not finish");
            assertEquals(0, s1.exitValue(), Files.readString(work.resolve(callId + ".sender.1")));
            server.awaitReceived(callId, DURATION_MS / 20, Duration.ofSeconds(30)); // only label 1 sent media
            sip.bye();
        }
        Path dir = awaitRecording(callId);
        Audio s1 = Audio.read(dir.resolve("stream-1.wav"));
        assertEquals(DURATION_MS / 1000.0, s1.seconds(), DURATION_MS / 1000.0 * 0.05, "stream-1.wav duration");
        assertEquals(440.0, s1.dominant(0, 440, 1000), "tone of label 1");
        assertTrue(Await.until(Duration.ofSeconds(10), () -> admin("siprec:dtls").contains("handshakes   0 running")),
                "no handshake left running: " + admin("siprec:dtls"));
    }

    /** Runs last: stopped, the DTLS bundle's certificates leave {@code siprec:certs}; started again, a new identity is listed. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void stoppingTheDtlsBundleTakesItsCertificateOffSiprecCerts() throws Exception {
        String before = dtlsCertificateRow();
        assertNotNull(before, admin("siprec:certs"));
        assertEquals(0, server.admin("stop dev.siprec.srtp.dtls").status());
        assertTrue(Await.until(Duration.ofSeconds(20), () -> dtlsCertificateRow() == null && admin("siprec:certs").contains("default")),
                "the DTLS certificate is still listed with the bundle stopped: " + admin("siprec:certs"));
        assertEquals(0, server.admin("start dev.siprec.srtp.dtls").status());
        assertTrue(Await.until(Duration.ofSeconds(20), () -> dtlsCertificateRow() != null), "not listed again: " + admin("siprec:certs"));
        assertTrue(!before.equals(dtlsCertificateRow()), "a restarted key exchange makes a new identity (kept in memory only)");
    }

    private String dtlsCertificateRow() {
        return admin("siprec:certs").lines().filter(l -> l.startsWith("dtls ")).findFirst().orElse(null);
    }

    private static long delta(Map<String, Long> now, Map<String, Long> before, String counter) {
        return now.get(counter) - before.get(counter);
    }

    private String admin(String command) {
        try {
            return server.admin(command).out();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private void check(String callId, String role, String clientFingerprint, String profile1, String profile2, String suite2)
            throws Exception {
        Path dir = awaitRecording(callId);
        TwoTones.assertRecorded(dir, DURATION_MS / 1000.0);

        String json = Files.readString(dir.resolve("session.json"));
        sessionJsonShowsDtls(json, role, clientFingerprint, profile1, profile2, suite2);
        assertTrue(json.contains("\"srtp\""), "SRTP streams: " + json);
        Matcher received = Pattern.compile("\"received\"\\s*:\\s*(\\d+)").matcher(json);
        int counted = 0;
        while (received.find()) {
            counted++;
            int n = Integer.parseInt(received.group(1));
            assertTrue(n >= DURATION_MS / 20 * 95 / 100, "packets received per stream (" + DURATION_MS / 20 + " sent): " + n + " in " + json);
        }
        assertEquals(2, counted, "packet counters of both streams in session.json: " + json);
        Matcher authFailed = Pattern.compile("\"authFailed\"\\s*:\\s*(\\d+)").matcher(json);
        while (authFailed.find()) {
            assertEquals("0", authFailed.group(1), "no SRTP packet failed authentication: " + json);
        }
    }

    /** {@code siprec:certs} lists the DTLS certificate whose fingerprint the answer carried (a CertificateHolder of the DTLS bundle). */
    private void certsListTheDtlsCertificate(String answered) throws Exception {
        ServerProcess.Result certs = server.admin("siprec:certs");
        assertEquals(0, certs.status(), certs.err());
        System.out.println("siprec:certs:\n" + certs.out());
        String hex = answered.substring(answered.indexOf(' ') + 1);
        assertTrue(certs.out().lines().anyMatch(l -> l.matches("dtls\\s+identity\\s+CN=siprec-dtls\\s+CN=siprec-dtls\\s+" + Pattern.quote(hex) + "\\s.*\\sok, rotated")),
                "siprec:certs lists the DTLS identity the answer named (" + hex + "):\n" + certs.out());
    }

    /** {@code siprec:keys} during the call: both streams keyed by DTLS, with the negotiated profile, the server role and the client's fingerprint. */
    private void keysShowDtls(String clientFingerprint) throws Exception {
        String[] last = {""};
        boolean shown = Await.until(Duration.ofSeconds(10), () -> {
            try {
                last[0] = server.admin("siprec:keys").out();
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return last[0].contains("SRTP_AES128_CM_SHA1_80") && last[0].contains("SRTP_AEAD_AES_128_GCM");
        });
        assertTrue(shown, "siprec:keys shows both DTLS-SRTP profiles: " + last[0]);
        System.out.println("siprec:keys during the call:\n" + last[0]);
        assertTrue(last[0].contains("DTLS"), last[0]);
        assertTrue(last[0].contains("server"), "role: " + last[0]);
        assertTrue(last[0].contains("AEAD_AES_128_GCM"), "suite of label 2: " + last[0]);
        assertTrue(last[0].contains(clientFingerprint), "peer fingerprint: " + last[0]);
    }

    /**
     * The final session.json (after the BYE): both streams' SRTP keyed by DTLS, with the negotiated
     * profiles, the suite of label 2, the server's role and the client's fingerprint.
     */
    private static void sessionJsonShowsDtls(String json, String role, String clientFingerprint, String profile1, String profile2,
            String suite2) {
        Matcher m = Pattern.compile("\"keySource\"\\s*:\\s*\"dtls\"").matcher(json);
        int n = 0;
        while (m.find()) {
            n++;
        }
        assertEquals(2, n, "both streams keyed by DTLS in the final session.json: " + json);
        assertTrue(json.contains("\"" + profile1 + "\"") && json.contains("\"" + profile2 + "\""), "profiles: " + json);
        assertTrue(json.contains("\"" + suite2 + "\""), "suite of label 2: " + json);
        assertTrue(json.contains(clientFingerprint), "peer fingerprint: " + json);
        assertTrue(json.contains("\"" + role + "\""), "role: " + json);
    }

    private Path awaitRecording(String callId) throws Exception {
        Path recordings = server.home().resolve("data/recordings");
        Pattern call = Pattern.compile("\"callId\"\\s*:\\s*\"" + Pattern.quote(callId) + "\"");
        Pattern complete = Pattern.compile("\"state\"\\s*:\\s*\"complete\"");
        Path[] found = new Path[1];
        boolean done = Await.until(Duration.ofSeconds(30), () -> {
            if (!Files.isDirectory(recordings)) {
                return false;
            }
            try (var s = Files.walk(recordings, 3)) {
                for (Path json : s.filter(p -> p.getFileName().toString().equals("session.json")).toList()) {
                    String text = Files.readString(json);
                    if (call.matcher(text).find()) {
                        found[0] = json.getParent();
                        return complete.matcher(text).find();
                    }
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                return false; // a file renamed while the tree was walked: look again
            }
            return false;
        });
        assertTrue(done, "no complete recording of " + callId + (found[0] == null ? "" : " in " + found[0]));
        return found[0];
    }

    /** The counters of {@code siprec:dtls}: {@code name value} lines. */
    static Map<String, Long> counters(String dtls) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        Matcher c = Pattern.compile("(?m)^((?:handshakes|hello|refused)\\.[a-z.]+)\\s+(\\d+)\\s*$").matcher(dtls);
        while (c.find()) {
            m.put(c.group(1), Long.parseLong(c.group(2)));
        }
        assertTrue(m.containsKey("handshakes.completed") && m.containsKey("refused.garbage"), "siprec:dtls counters: " + dtls);
        return m;
    }

    /** A random {@code a=tls-id} value: 32 characters of the RFC 8842 §4 alphabet. */
    static String tlsId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The INVITE body: the SIPREC template's SDP and metadata, its m-lines offering DTLS-SRTP from the client's ports. */
    static String body(int[] local, String fingerprint, String[] tlsIds) throws Exception {
        return body(local, fingerprint, tlsIds, "actpass");
    }

    /** As {@link #body(int[], String, String[])} with {@code a=setup:<setup>} on both m-lines. */
    static String body(int[] local, String fingerprint, String[] tlsIds, String setup) throws Exception {
        String t;
        try (var in = DtlsCallIT.class.getResourceAsStream("/sipp/siprec-call.xml.template")) {
            t = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        int start = t.indexOf("Content-Length: [len]");
        start = t.indexOf("\n\n", start) + 2;
        String section = t.substring(start, t.indexOf("]]>", start))
                .replace("m=audio 16000 @PROTO@", "m=audio " + local[0] + " UDP/TLS/RTP/SAVP")
                .replace("m=audio 16002 @PROTO@", "m=audio " + local[1] + " UDP/TLS/RTP/SAVP")
                .replace("@CRYPTO1@", dtlsAttributes(setup, fingerprint, tlsIds[0]))
                .replace("@CRYPTO2@", dtlsAttributes(setup, fingerprint, tlsIds[1]));
        StringBuilder sb = new StringBuilder();
        for (String line : section.split("\n")) {
            sb.append(line.strip()).append("\r\n");
        }
        String body = sb.toString().replace("[local_ip]", "127.0.0.1");
        while (body.endsWith("\r\n\r\n")) {
            body = body.substring(0, body.length() - 2);
        }
        return body;
    }

    private static String dtlsAttributes(String setup, String fingerprint, String tlsId) {
        return "a=setup:" + setup + "\na=fingerprint:sha-256 " + fingerprint + "\na=tls-id:" + tlsId + "\na=rtcp-mux\n";
    }

    /** One m-line of the answer. */
    record Answer(String address, int port, String setup, String fingerprint, boolean rtcpMux, String tlsId) {
    }

    /** Splits the answer's SDP (the 200 OK may carry it alone or in multipart) into its m-lines. */
    static List<Answer> answers(String body) {
        Matcher c = Pattern.compile("(?m)^c=IN IP[46] ([0-9a-fA-F.:]+)").matcher(body);
        String address = c.find() ? c.group(1) : "127.0.0.1";
        List<Answer> out = new ArrayList<>();
        String[] sections = body.split("(?m)^(?=m=)");
        for (int i = 1; i < sections.length; i++) {
            String m = sections[i];
            Matcher port = Pattern.compile("^m=audio (\\d+)").matcher(m);
            out.add(new Answer(address, port.find() ? Integer.parseInt(port.group(1)) : -1, attribute(m, "setup"),
                    attribute(m, "fingerprint"), Pattern.compile("(?m)^a=rtcp-mux\\s*$").matcher(m).find(), attribute(m, "tls-id")));
        }
        return out;
    }

    private static String attribute(String section, String name) {
        Matcher m = Pattern.compile("(?m)^a=" + Pattern.quote(name) + ":(.*?)\\s*$").matcher(section);
        return m.find() ? m.group(1) : null;
    }
}
