package dev.siprec.benchmarks.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a process's threads from {@code /proc/PID/task/TID/stat} (Linux, {@code proc(5)}):
 * user and system ticks (USER_HZ = 100) summed per thread-name group, the name with its trailing
 * digits removed ({@code pacer-0} → {@code pacer-}, {@code GC Thread#1} → {@code GC Thread#}).
 * Where the time goes, in the kernel or in Java, per kind of thread.
 */
final class ProcThreads {
    private ProcThreads() {
    }

    /** Ticks per group: {@code [user, system]}. Empty when the process is gone or /proc is absent. */
    static Map<String, long[]> snapshot(long pid) {
        Map<String, long[]> groups = new TreeMap<>();
        Path tasks = Path.of("/proc/" + pid + "/task");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+$", "");
                    String[] f = stat.substring(close + 2).split(" ");
                    long[] g = groups.computeIfAbsent(name, k -> new long[2]);
                    g[0] += Long.parseLong(f[11]);
                    g[1] += Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // a thread ended while we looked
                }
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /**
     * The groups that used the most CPU between two snapshots, as text lines: milliseconds user +
     * system and the share of the total. Threads that ended in between are missing from the later
     * snapshot and are left out.
     */
    static List<String> top(Map<String, long[]> before, Map<String, long[]> after, int limit) {
        List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {Math.max(0, e.getValue()[0] - b[0]), Math.max(0, e.getValue()[1] - b[1])};
            total += d[0] + d[1];
            deltas.add(Map.entry(e.getKey(), d));
        }
        deltas.sort((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, deltas.size()); i++) {
            long[] d = deltas.get(i).getValue();
            if (d[0] + d[1] == 0) {
                break;
            }
            lines.add(String.format("%-18s %6d ms (user %d, system %d) %4.1f %%", "'" + deltas.get(i).getKey() + "'",
                    (d[0] + d[1]) * 10, d[0] * 10, d[1] * 10, total == 0 ? 0 : 100.0 * (d[0] + d[1]) / total));
        }
        return lines;
    }
}
