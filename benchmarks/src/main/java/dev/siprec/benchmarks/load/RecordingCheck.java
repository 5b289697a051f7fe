package dev.siprec.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks the server's recordings of a run against what the generator sent: for each call its
 * {@code session.json} (state {@code complete}), per stream received ≈ sent, loss (sent − received,
 * and the server's own {@code lost}/{@code late}) below the threshold, {@code authFailed} 0, and the
 * WAV's duration (from its {@code data} chunk) within tolerance of the packets sent × 20 ms.
 */
final class RecordingCheck {
    /** What one call sent: packets per label. */
    record Sent(String callId, Map<String, Integer> packets) {
    }

    /** The outcome. */
    record Result(int expected, int found, int incomplete, long sent, long received, long lostOrLate, long authFailed,
                  int streamsOutOfTolerance, int streamsOverLoss, long worstDurationErrorMs, List<String> problems) {
        double lossPercent() {
            return sent == 0 ? 0 : 100.0 * Math.max(0, sent - received) / sent;
        }

        boolean ok(double maxLossPercent) {
            return found == expected && incomplete == 0 && authFailed == 0 && streamsOutOfTolerance == 0
                    && lossPercent() < maxLossPercent && streamsOverLoss == 0;
        }
    }

    private final Path recordings;
    private final double maxLossPercent;

    RecordingCheck(Path recordings, double maxLossPercent) {
        this.recordings = recordings;
        this.maxLossPercent = maxLossPercent;
    }

    /** Waits up to {@code waitSeconds} for every call's session.json to leave {@code active}, then checks. */
    Result check(List<Sent> calls, int waitSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        Map<String, Map<String, Object>> found;
        while (true) {
            found = scan(calls);
            long settled = found.values().stream().filter(j -> !"active".equals(j.get("state"))).count();
            if ((found.size() == calls.size() && settled == found.size()) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        return evaluate(calls, found);
    }

    private Map<String, Map<String, Object>> scan(List<Sent> calls) throws IOException {
        Map<String, Sent> wanted = new HashMap<>();
        calls.forEach(c -> wanted.put(c.callId(), c));
        Map<String, Map<String, Object>> found = new HashMap<>();
        if (!Files.isDirectory(recordings)) {
            return found;
        }
        List<Path> jsons;
        try (Stream<Path> s = Files.walk(recordings, 3)) {
            jsons = s.filter(p -> p.getFileName().toString().equals("session.json")).toList();
        }
        for (Path p : jsons) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> j = (Map<String, Object>) MiniJson.parse(Files.readString(p));
                Object id = j.get("callId");
                if (id instanceof String s && wanted.containsKey(s)) {
                    j.put("_folder", p.getParent().toString());
                    found.put(s, j);
                }
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                // renamed or being replaced under us: the next scan sees it
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private Result evaluate(List<Sent> calls, Map<String, Map<String, Object>> found) {
        long sent = 0;
        long received = 0;
        long lostOrLate = 0;
        long auth = 0;
        int incomplete = 0;
        int outOfTolerance = 0;
        int overLoss = 0;
        long worst = 0;
        List<String> problems = new ArrayList<>();
        for (Sent c : calls) {
            Map<String, Object> j = found.get(c.callId());
            int callSent = c.packets().values().stream().mapToInt(Integer::intValue).sum();
            sent += callSent;
            if (j == null) {
                note(problems, c.callId() + ": no session.json");
                continue;
            }
            if (!"complete".equals(j.get("state"))) {
                incomplete++;
                note(problems, c.callId() + ": state " + j.get("state") + ", endReason " + j.get("endReason"));
            }
            Map<String, Map<String, Object>> byLabel = new HashMap<>();
            for (Object o : (List<Object>) j.getOrDefault("streams", List.of())) {
                Map<String, Object> st = (Map<String, Object>) o;
                byLabel.putIfAbsent(String.valueOf(st.get("label")), st);
            }
            for (Map.Entry<String, Integer> e : c.packets().entrySet()) {
                Map<String, Object> st = byLabel.get(e.getKey());
                if (st == null) {
                    note(problems, c.callId() + ": no stream with label " + e.getKey());
                    continue;
                }
                Map<String, Object> pk = (Map<String, Object>) st.get("packets");
                long rx = num(pk.get("received"));
                long bad = num(pk.get("lost")) + num(pk.get("late"));
                long af = num(pk.get("authFailed"));
                received += Math.min(rx, e.getValue());
                lostOrLate += bad;
                auth += af;
                double loss = e.getValue() == 0 ? 0 : 100.0 * Math.max(0, e.getValue() - rx) / e.getValue();
                if (loss >= maxLossPercent) {
                    overLoss++;
                    note(problems, c.callId() + " label " + e.getKey() + ": sent " + e.getValue() + ", received " + rx);
                }
                long expectedMs = e.getValue() * 20L;
                long wavMs = wavMillis(Path.of((String) j.get("_folder")).resolve(String.valueOf(st.get("file"))));
                long err = Math.abs(wavMs - expectedMs);
                worst = Math.max(worst, err);
                if (err > Math.max(100, expectedMs / 200)) {
                    outOfTolerance++;
                    note(problems, c.callId() + " label " + e.getKey() + ": WAV " + wavMs + " ms, sent " + expectedMs + " ms");
                }
            }
        }
        return new Result(calls.size(), found.size(), incomplete, sent, received, lostOrLate, auth, outOfTolerance,
                overLoss, worst, problems);
    }

    private static void note(List<String> problems, String p) {
        if (problems.size() < 20) {
            problems.add(p);
        }
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Duration of a PCM WAV from its {@code fmt } and {@code data} chunks (RIFF; RF64 is not expected
     * for calls this short), or -1 when unreadable.
     */
    static long wavMillis(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] h = new byte[12];
            f.readFully(h);
            if (h[0] != 'R' || h[8] != 'W') {
                return -1;
            }
            long pos = 12;
            int byteRate = 0;
            while (pos + 8 <= f.length()) {
                f.seek(pos);
                byte[] ch = new byte[8];
                f.readFully(ch);
                String id = new String(ch, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                long size = (ch[4] & 0xFFL) | (ch[5] & 0xFFL) << 8 | (ch[6] & 0xFFL) << 16 | (ch[7] & 0xFFL) << 24;
                if (id.equals("fmt ")) {
                    byte[] fmt = new byte[16];
                    f.readFully(fmt);
                    byteRate = (fmt[8] & 0xFF) | (fmt[9] & 0xFF) << 8 | (fmt[10] & 0xFF) << 16 | (fmt[11] & 0xFF) << 24;
                } else if (id.equals("data")) {
                    return byteRate == 0 ? -1 : size * 1000 / byteRate;
                }
                pos += 8 + size + (size & 1);
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static void print(Result r, double maxLossPercent, PrintStream out) {
        out.printf("recordings: %d of %d calls found, %d not complete%n", r.found(), r.expected(), r.incomplete());
        out.printf("packets: sent %d, received %d, loss %.4f %% (server's lost+late %d), authFailed %d%n",
                r.sent(), r.received(), r.lossPercent(), r.lostOrLate(), r.authFailed());
        out.printf("streams over %.3f %% loss: %d; WAVs off the sent length (> max(100 ms, 0.5 %%)): %d, worst %d ms%n",
                maxLossPercent, r.streamsOverLoss(), r.streamsOutOfTolerance(), r.worstDurationErrorMs());
        r.problems().forEach(p -> out.println("  " + p));
        out.println("verdict: " + (r.ok(maxLossPercent) ? "PASS" : "FAIL"));
    }
}
