package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How recordings end: the operator hangs up from the shell; the server is killed with SIGKILL in the
 * middle of a call and restarted (what was received stays playable, the session is marked
 * interrupted); and a call over TLS (SIPp through a socat TLS bridge, since Debian's SIPp has no TLS).
 */
class SiprecLifecycleIT {
    private final Path work = Path.of("target", "sipp").toAbsolutePath();

    @Test
    void operatorHangupSendsByeAndFinalizes() throws Exception {
        try (ServerProcess server = ServerProcess.copy("hangup").start()) {
            server.awaitStatus(Duration.ofSeconds(60));
            SiprecCall call = new SiprecCall(null, null, 10_000).ending("server-bye");
            Process sipp = call.start(work, "u1", server.port("udp"));
            String id = awaitSessionId(server, call.callId);
            ServerProcess.Result hangup = server.admin("siprec:hangup " + id);
            assertEquals(0, hangup.status(), hangup.out() + hangup.err());
            call.await(work, sipp, Duration.ofSeconds(30));
            Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
            assertTrue(Audio.read(dir.resolve("stream-1.wav")).seconds() > 0.5);
        }
    }

    @Test
    void holdAndResumeWithAMetadataUpdateKeepWallClockDurationAndEveryMetadataVersion() throws Exception {
        try (ServerProcess server = ServerProcess.copy("hold").start()) {
            server.awaitStatus(Duration.ofSeconds(60));
            SiprecCall call = new SiprecCall(null, null, 1_500).holdAndResume(1_000);
            call.place(work, "u1", server.port("udp"));
            Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
            Audio s1 = Audio.read(dir.resolve("stream-1.wav"));
            // 1.5 s talk + 1 s hold (written as silence) + 1.5 s talk + the last 0.3 s before BYE
            assertTrue(s1.seconds() > 3.6 && s1.seconds() < 5.0, "stream-1.wav keeps wall-clock time across hold: " + s1.seconds());
            assertEquals(440.0, s1.dominant(0, 440, 1000));
            for (String f : List.of("metadata-1.xml", "metadata-2.xml", "metadata-3.xml")) {
                assertTrue(Files.exists(dir.resolve(f)), f + " kept");
            }
            assertTrue(Files.readString(dir.resolve("metadata-2.xml")).contains("Bob Transferred"));
            String json = Files.readString(dir.resolve("session.json"));
            assertTrue(json.contains("Bob Transferred"), "participants from the latest metadata: " + json);
        }
    }

    /**
     * Kill -9 mid-call. Deterministic under load: instead of sleeping a fixed time and hoping the server
     * received enough, the test waits for the server's own packet counters ({@code siprec:call}) to show
     * 2.5 s of packets on both streams, kills, and then requires every WAV to hold what those counters
     * saw, less the 1 s flush interval, the jitter window and one packet.
     */
    @Test
    void killDuringACallKeepsWhatWasReceivedAndMarksItInterrupted() throws Exception {
        try (ServerProcess server = ServerProcess.copy("crash").start()) {
            server.awaitStatus(Duration.ofSeconds(60));
            SiprecCall call = new SiprecCall(null, null, 8_000).ending("none");
            call.place(work, "u1", server.port("udp"));
            Path recordings = server.home().resolve("data/recordings");
            call.awaitRecording(recordings, "active", Duration.ofSeconds(10));
            String id = awaitSessionId(server, call.callId);
            long[] counted = awaitPackets(server, id, 125, Duration.ofSeconds(30));
            server.process().destroyForcibly().waitFor();

            server.start();
            server.awaitStatus(Duration.ofSeconds(60));
            Path dir = call.awaitRecording(recordings, "interrupted", Duration.ofSeconds(20));
            List<String> files = List.of("stream-1.wav", "stream-2.wav");
            for (int i = 0; i < files.size(); i++) {
                Audio a = Audio.read(dir.resolve(files.get(i)));
                double received = counted[i] * 0.020;
                assertTrue(a.seconds() >= received - 1.1, files.get(i) + " keeps what was received before the kill, to "
                        + "within the 1 s flush interval: " + a.seconds() + " s written, " + received + " s counted by the server");
            }
            String json = Files.readString(dir.resolve("session.json"));
            assertTrue(json.contains("sha256"), "files listed with checksums after repair: " + json);
        }
    }

    /**
     * Polls {@code siprec:call id} until every stream's PACKETS counter reaches {@code packets}.
     *
     * @return the counters last read, per stream in the order listed (stream 1, stream 2)
     */
    private static long[] awaitPackets(ServerProcess server, String id, long packets, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ServerProcess.Result r = server.admin("siprec:call " + id);
            last = r.out() + r.err();
            long[] counts = streamPackets(r.out());
            if (counts.length >= 2 && counts[0] >= packets && counts[1] >= packets) {
                return counts;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server never counted " + packets + " packets on both streams:\n" + last);
    }

    /** The PACKETS column of the stream table of {@code siprec:call} (cells hold no spaces; missing ones print as -). */
    static long[] streamPackets(String out) {
        String[] lines = out.split("\n");
        int packetsColumn = -1;
        List<Long> counts = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (packetsColumn < 0) {
                if (line.startsWith("STREAM ")) {
                    packetsColumn = List.of(line.split("\\s+")).indexOf("PACKETS");
                    i++; // the rule under the header
                }
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            String[] cells = line.split("\\s+");
            if (packetsColumn < cells.length && cells[packetsColumn].matches("\\d+")) {
                counts.add(Long.parseLong(cells[packetsColumn]));
            }
        }
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void srtpCallOverTlsIsRecorded() throws Exception {
        Path socat = Peers.require("socat", "socat");
        try (ServerProcess server = ServerProcess.copy("tls").start()) {
            server.awaitStatus(Duration.ofSeconds(60));
            int bridge = ServerProcess.freePort();
            Process tunnel = new ProcessBuilder(socat.toString(), "TCP-LISTEN:" + bridge + ",bind=127.0.0.1,fork,reuseaddr",
                    "OPENSSL:127.0.0.1:" + server.port("tls") + ",verify=0").redirectErrorStream(true)
                    .redirectOutput(work.resolve("socat.out").toFile()).start();
            try {
                assertTrue(Await.until(Duration.ofSeconds(20), () -> listens(bridge)), "socat did not listen on " + bridge);
                SiprecCall call = new SiprecCall("AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_80", 2_000);
                call.place(work, "t1", bridge);
                Path dir = call.awaitRecording(server.home().resolve("data/recordings"), "complete", Duration.ofSeconds(20));
                String json = Files.readString(dir.resolve("session.json"));
                assertTrue(json.contains("\"TLS\""), "transport TLS in " + json);
                assertTrue(json.contains("AES_256_CM_HMAC_SHA1_80"), json);
                assertEquals(440.0, Audio.read(dir.resolve("stream-1.wav")).dominant(0, 440, 1000));
            } finally {
                tunnel.destroyForcibly();
            }
        }
    }

    private static String awaitSessionId(ServerProcess server, String callId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ServerProcess.Result r = server.admin("siprec:calls");
            last = r.out() + r.err();
            for (String line : r.out().split("\n")) {
                if (line.contains(callId)) {
                    return line.trim().split("\\s+")[0];
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("call " + callId + " not listed by siprec:calls:\n" + last);
    }

    private static boolean listens(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
