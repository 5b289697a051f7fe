package dev.siprec.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One SIPREC call placed by SIPp from a scenario rendered for the test: two labelled streams, plain
 * RTP or SDES-SRTP with keys generated here (the client's own keys, which the media sender uses).
 */
final class SiprecCall {
    /**
     * Time SIPp waits after the media's duration before its BYE. SIPp starts the senders
     * ({@code <exec>}) without waiting for them, so this is their start-up and any lateness: 700 ms
     * was short on a heavily loaded machine (a sender process started late and its last half second
     * went to a stream already closed, 0 lost and 0 late on the server, the WAV 2.46 s of 3 s), and 2 s
     * once at load 10 (a WAV of 1.02 s). SIPp has no step that waits for a process, so this stays a
     * margin; {@link #senderReport} tells such a late sender apart from a server that lost audio.
     */
    static final int SENDER_MARGIN_MS = 3000;

    /** Suites and their master key + salt lengths (RFC 4568, RFC 6188, RFC 7714). */
    static int keyMaterialBytes(String suite) {
        return switch (suite) {
            case "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32" -> 30;
            case "AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32" -> 38;
            case "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32" -> 46;
            case "AEAD_AES_128_GCM" -> 28;
            case "AEAD_AES_256_GCM" -> 44;
            case "NULL_HMAC_SHA1_80", "NULL_HMAC_SHA1_32" -> 30;
            default -> throw new IllegalArgumentException(suite);
        };
    }

    final String callId = "siprec-it-" + UUID.randomUUID();
    private final String suite1;
    private final String suite2;
    private final String key1;
    private final String key2;
    final int durationMs;
    private String ending = "client-bye";
    private String template = "siprec-call";
    private int holdMs;

    /**
     * Hold and resume: media for {@code durationMs}, a re-INVITE to {@code a=inactive} with a metadata
     * update, {@code holdMs} of hold, a re-INVITE back to {@code sendonly}, media for {@code durationMs}
     * again (sequence numbers and timestamps continuing), BYE.
     */
    SiprecCall holdAndResume(int holdMs) {
        this.template = "siprec-hold";
        this.holdMs = holdMs;
        return this;
    }

    /** How the scenario ends: {@code client-bye} (default), {@code server-bye} (waits for the server's BYE), {@code none}. */
    SiprecCall ending(String ending) {
        this.ending = ending;
        return this;
    }

    /** @param suite1 SRTP suite of stream 1, or {@code null} for plain RTP (both streams use the same profile) */
    SiprecCall(String suite1, String suite2, int durationMs) {
        this.suite1 = suite1;
        this.suite2 = suite2;
        SecureRandom random = new SecureRandom();
        this.key1 = suite1 == null ? null : key(random, suite1);
        this.key2 = suite2 == null ? null : key(random, suite2);
        this.durationMs = durationMs;
    }

    private static String key(SecureRandom random, String suite) {
        byte[] k = new byte[keyMaterialBytes(suite)];
        random.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /** Writes the scenario to {@code dir} and returns its path. */
    Path scenario(Path dir, Path sender) throws IOException {
        Files.createDirectories(dir);
        String t;
        try (var in = SiprecCall.class.getResourceAsStream("/sipp/" + template + ".xml.template")) {
            t = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        try (var in = SiprecCall.class.getResourceAsStream("/sipp/ending-" + ending + ".xml.part")) {
            t = t.replace("@ENDING@", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        boolean srtp = suite1 != null;
        t = t.replace("@PROTO@", srtp ? "RTP/SAVP" : "RTP/AVP")
                .replace("@CRYPTO1@", srtp ? "      a=crypto:1 " + suite1 + " inline:" + key1 + "\n" : "")
                .replace("@CRYPTO2@", srtp ? "      a=crypto:1 " + suite2 + " inline:" + key2 + "\n" : "")
                .replace("@LAUNCHER@", launcher(dir, sender, "", "").toString())
                .replace("@LAUNCHER2@", launcher(dir, sender, "-resumed", " --seq 3000 --ts "
                        + (160000 + (long) (2 * durationMs + holdMs) * 8)).toString())
                .replace("@TALK_MS@", String.valueOf(durationMs))
                .replace("@HOLD_MS@", String.valueOf(holdMs))
                .replace("@TALK2_MS@", String.valueOf(durationMs + 300))
                .replace("@PAUSE_MS@", String.valueOf(durationMs + SENDER_MARGIN_MS));
        Files.createDirectories(dir);
        Path file = dir.resolve(callId + ".xml");
        Files.writeString(file, t, StandardCharsets.ISO_8859_1);
        return file;
    }

    /**
     * The INVITE body of this call (multipart/mixed: SDP with two labelled streams, and the metadata)
     * as SIPp would send it from the template, for clients other than SIPp (the WebSocket test).
     * Writes the media launcher ({@link #launcher(Path)}) too.
     *
     * @param dir where the scenario and the media launcher go
     * @param host the client's address in the SDP origin and connection lines
     */
    String body(Path dir, String host) throws IOException, InterruptedException {
        String scenario = Files.readString(scenario(dir, Peers.rtpSender()), StandardCharsets.ISO_8859_1);
        int start = scenario.indexOf("Content-Length: [len]");
        start = scenario.indexOf("\n\n", start) + 2;
        int end = scenario.indexOf("]]>", start);
        StringBuilder sb = new StringBuilder();
        for (String line : scenario.substring(start, end).split("\n")) {
            sb.append(line.strip()).append("\r\n");
        }
        String body = sb.toString().replace("[local_ip]", host);
        while (body.endsWith("\r\n\r\n")) {
            body = body.substring(0, body.length() - 2);
        }
        return body;
    }

    /**
     * What the media senders of this call reported (when the launcher ran, each sender's first and last
     * packet in epoch milliseconds, or its error), for failure messages: a sender that was still sending
     * when SIPp's BYE left is the machine's lateness, not lost audio.
     */
    String senderReport(Path dir) {
        StringBuilder sb = new StringBuilder("media senders of ").append(callId).append(":");
        for (String suffix : List.of(".launched", ".1", ".2")) {
            Path f = dir.resolve(callId + ".sender" + suffix);
            sb.append("\n  ").append(f.getFileName()).append(": ").append(read(f).strip());
        }
        return sb.toString();
    }

    /** The script that starts the media senders: {@code <script> <media address> <port 1> <port 2>}. */
    Path launcher(Path dir) {
        return dir.resolve(callId + ".sh");
    }

    /**
     * A script SIPp runs after the ACK ({@code <exec>} passes no redirections well): starts one
     * sender per stream, 440 Hz on label 1 and 1000 Hz on label 2, keyed with the offer's keys.
     */
    private Path launcher(Path dir, Path sender, String phase, String extra) throws IOException {
        String out = dir.resolve(callId + phase + ".sender").toString();
        String script = "#!/bin/sh\n"
                + "# $1 = media address of the answer, $2 / $3 = RTP ports of label 1 / label 2\n"
                + "date +%s%3N > '" + out + ".launched'\n"
                + "'" + sender + "' \"$1\" \"$2\" 440 " + durationMs + " 1111 " + (suite1 == null ? "" : suite1 + " " + key1) + extra
                + " > '" + out + ".1' 2>&1 &\n"
                + "'" + sender + "' \"$1\" \"$3\" 1000 " + durationMs + " 2222 " + (suite2 == null ? "" : suite2 + " " + key2) + extra
                + " > '" + out + ".2' 2>&1 &\n";
        Path file = dir.resolve(callId + phase + ".sh");
        Files.writeString(file, script);
        file.toFile().setExecutable(true);
        return file;
    }

    /** Runs SIPp once as UAC against {@code port} over {@code transport} ({@code u1} or {@code t1}). */
    void place(Path dir, String transport, int port) throws Exception {
        place(dir, transport, port, 60);
    }

    /** As {@link #place(Path, String, int)}, waiting at most {@code timeoutSeconds} for SIPp. */
    void place(Path dir, String transport, int port, int timeoutSeconds) throws Exception {
        Path sipp = Peers.require("sipp", "sip-tester");
        Path scenario = scenario(dir, Peers.rtpSender());
        List<String> cmd = new ArrayList<>(List.of(sipp.toString(), "-sf", scenario.toString(), "-t", transport,
                "-m", "1", "-l", "1", "-i", "127.0.0.1", "-p", String.valueOf(ServerProcess.freePort()),
                "-cid_str", callId, "-timeout", "30s", "-timeout_error", "-max_recv_loops", "100", "-nostdin",
                "-trace_err", "-error_file", dir.resolve(callId + ".errors").toString(),
                "-trace_msg", "-message_file", dir.resolve(callId + ".messages").toString(),
                "127.0.0.1:" + port));
        try {
            Peers.run(cmd, timeoutSeconds);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "\nmessages:\n" + read(dir.resolve(callId + ".messages")), e);
        }
    }

    /** Starts SIPp in the background (for scenarios that wait for the server); see {@link #await}. */
    Process start(Path dir, String transport, int port) throws Exception {
        Path sipp = Peers.require("sipp", "sip-tester");
        Path scenario = scenario(dir, Peers.rtpSender());
        return new ProcessBuilder(sipp.toString(), "-sf", scenario.toString(), "-t", transport,
                "-m", "1", "-l", "1", "-i", "127.0.0.1", "-p", String.valueOf(ServerProcess.freePort()),
                "-cid_str", callId, "-timeout", "60s", "-timeout_error", "-nostdin",
                "-trace_msg", "-message_file", dir.resolve(callId + ".messages").toString(),
                "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve(callId + ".out").toFile()).start();
    }

    /** Waits for a SIPp started by {@link #start} and fails with its messages unless it succeeded. */
    void await(Path dir, Process sipp, Duration timeout) throws Exception {
        if (!sipp.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            sipp.destroyForcibly();
            throw new AssertionError("SIPp did not finish; messages:\n" + read(dir.resolve(callId + ".messages")));
        }
        if (sipp.exitValue() != 0) {
            throw new AssertionError("SIPp exited " + sipp.exitValue() + "; messages:\n" + read(dir.resolve(callId + ".messages")));
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Waits for the recording folder of this call to reach {@code state} in its session.json. */
    Path awaitRecording(Path recordings, String state, Duration timeout) throws Exception {
        Pattern call = Pattern.compile("\"callId\"\\s*:\\s*\"" + Pattern.quote(callId) + "\"");
        Pattern st = Pattern.compile("\"state\"\\s*:\\s*\"" + state + "\"");
        long deadline = System.nanoTime() + timeout.toNanos();
        Path found = null;
        while (System.nanoTime() < deadline) {
            try {
                found = find(recordings, call).orElse(null);
            } catch (java.io.UncheckedIOException vanished) {
                continue; // a file renamed while the tree was walked: look again
            }
            if (found != null && st.matcher(Files.readString(found.resolve("session.json"))).find()) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no recording of " + callId + " in state " + state + " under " + recordings
                + (found == null ? "" : "; session.json:\n" + Files.readString(found.resolve("session.json"))));
    }

    private static Optional<Path> find(Path recordings, Pattern call) throws IOException {
        if (!Files.isDirectory(recordings)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(recordings, 3)) {
            for (Path json : s.filter(p -> p.getFileName().toString().equals("session.json")).toList()) {
                try {
                    if (call.matcher(Files.readString(json)).find()) {
                        return Optional.of(json.getParent());
                    }
                } catch (IOException e) {
                    // being rewritten: look again on the next poll
                }
            }
        }
        return Optional.empty();
    }
}
