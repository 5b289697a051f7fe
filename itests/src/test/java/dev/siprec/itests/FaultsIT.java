package dev.siprec.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, faults: SIGTERM with 50 calls up (a BYE to each client, every recording {@code complete},
 * exit 0 within 10 s), and a client that vanishes (no BYE, no media: the session ends on the media
 * timeout). Every wait is for a file, a state or a process, never a fixed sleep.
 */
class FaultsIT {
    private static final int CALLS = 50;

    @TempDir
    Path work;

    @Test
    void sigtermWithFiftyCallsUpSendsByeToEachAndFinalizesEveryRecordingComplete() throws Exception {
        Path sipp = Peers.require("sipp", "sip-tester");
        try (ServerProcess server = ServerProcess.copy("sigterm50").start()) {
            server.awaitRecording(Duration.ofSeconds(90));
            SiprecCall call = new SiprecCall(null, null, 30_000).ending("server-bye");
            Path scenario = call.scenario(work, Peers.rtpSender());
            Process uac = new ProcessBuilder(sipp.toString(), "-sf", scenario.toString(), "-t", "u1",
                    "-m", String.valueOf(CALLS), "-l", String.valueOf(CALLS), "-r", "25", "-i", "127.0.0.1",
                    "-p", String.valueOf(ServerProcess.freePort()), "-cid_str", call.callId + "-%u", "-timeout", "90s",
                    "-timeout_error", "-nostdin", "-trace_err", "-error_file", work.resolve("sipp.errors").toString(),
                    "-trace_stat", "-stf", work.resolve("sipp.stat").toString(), "127.0.0.1:" + server.port("udp"))
                    .redirectErrorStream(true).redirectOutput(work.resolve("sipp.out").toFile()).start();
            try {
                Path recordings = server.home().resolve("data/recordings");
                // every call recording, with audio of both streams on disk (flushed at least once a second)
                assertTrue(Await.until(Duration.ofSeconds(60), () -> recordingWithAudio(recordings, call.callId) == CALLS),
                        "not all " + CALLS + " calls recording audio: " + recordingWithAudio(recordings, call.callId));
                long start = System.nanoTime();
                int exit = server.terminate(Duration.ofSeconds(10));
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertEquals(0, exit, "exit status after SIGTERM (-1: still running after 10 s)");
                System.out.println("SIGTERM with " + CALLS + " calls up to exit 0: " + millis + " ms");
                List<String> states = states(recordings, call.callId);
                assertEquals(CALLS, states.size(), "recordings: " + states);
                assertTrue(states.stream().allMatch("complete"::equals), "states after SIGTERM: " + states);
                // each client received the server's BYE and answered it: SIPp counts every call successful
                assertTrue(uac.waitFor(60, TimeUnit.SECONDS), "SIPp still waiting for BYEs");
                assertEquals(0, uac.exitValue(), "SIPp: not every call got its BYE: " + Files.readString(work.resolve("sipp.out")));
            } finally {
                uac.destroyForcibly();
            }
        }
    }

    /** The client sends 2 s of media, then nothing and no BYE: the media timeout (3 s here) ends the session. */
    @Test
    void aClientThatVanishesIsEndedByTheMediaTimeout() throws Exception {
        try (ServerProcess server = ServerProcess.copy("vanish")) {
            Files.writeString(server.home().resolve("etc/dev.siprec.session.cfg"), "media.timeout.seconds=3\n");
            server.start();
            server.awaitRecording(Duration.ofSeconds(90));
            SiprecCall call = new SiprecCall(null, null, 2_000).ending("none");
            call.place(work, "u1", server.port("udp"));
            Path recordings = server.home().resolve("data/recordings");
            long start = System.nanoTime();
            Path dir = call.awaitRecording(recordings, "complete", Duration.ofSeconds(30));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            String json = Files.readString(dir.resolve("session.json"));
            assertTrue(Pattern.compile("\"endReason\"\\s*:\\s*\"MEDIA_TIMEOUT\"").matcher(json).find(), json);
            System.out.println("vanished client ended by the media timeout " + millis + " ms after SIPp's last message");
        }
    }

    private static int recordingWithAudio(Path recordings, String callPrefix) {
        int n = 0;
        for (Path dir : folders(recordings, callPrefix)) {
            try {
                if (Files.size(dir.resolve("stream-1.wav")) > 80 + 1600 && Files.size(dir.resolve("stream-2.wav")) > 80 + 1600) {
                    n++;
                }
            } catch (java.io.IOException notYet) {
                // file not created yet
            }
        }
        return n;
    }

    private static List<String> states(Path recordings, String callPrefix) throws Exception {
        List<String> out = new ArrayList<>();
        Pattern state = Pattern.compile("\"state\"\\s*:\\s*\"([a-z]+)\"");
        for (Path dir : folders(recordings, callPrefix)) {
            var m = state.matcher(Files.readString(dir.resolve("session.json")));
            out.add(m.find() ? m.group(1) : "?");
        }
        return out;
    }

    private static List<Path> folders(Path recordings, String callPrefix) {
        // the server renames session.json.tmp into place while we walk: a vanished entry means walk again
        for (int attempt = 0; ; attempt++) {
            try {
                return walkFolders(recordings, callPrefix);
            } catch (java.io.UncheckedIOException vanished) {
                if (attempt >= 20) {
                    throw vanished;
                }
            }
        }
    }

    private static List<Path> walkFolders(Path recordings, String callPrefix) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(recordings)) {
            return out;
        }
        Pattern call = Pattern.compile("\"callId\"\\s*:\\s*\"" + Pattern.quote(callPrefix) + "-");
        try (Stream<Path> s = Files.walk(recordings, 3)) {
            for (Path json : s.filter(p -> p.getFileName().toString().equals("session.json")).toList()) {
                try {
                    if (call.matcher(Files.readString(json)).find()) {
                        out.add(json.getParent());
                    }
                } catch (java.io.IOException beingRewritten) {
                    // looked at again on the next poll
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }
}
