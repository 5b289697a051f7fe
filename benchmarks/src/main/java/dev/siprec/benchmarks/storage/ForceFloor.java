package dev.siprec.benchmarks.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file-system floor of one recorded call, without the server: the folder, files, renames and forces that the WAV
 * sink makes for a call that carries no audio (what SIPp's {@code siprec-load.xml} calls cost on disk), done directly
 * with NIO and timed in <em>machine-wide</em> CPU ({@code /proc/stat}: the kernel's writeback and device work count,
 * wherever it runs), per call.
 *
 * <p>Modes, each over the same work:
 * <ul>
 *   <li>{@code forced}: the forces of the sink's default ({@code force.start=true}): the first summary, the session
 *       folder and the date folder at the start; the three WAVs, the metadata body, the final summary before its
 *       rename and the folder after it at the end (8 per call, the date folder's shared across concurrent calls
 *       not modelled: one per call);</li>
 *   <li>{@code end-only}: {@code force.start=false}: the end's forces only, plus the date folder (6 per call);</li>
 *   <li>{@code none}: the same files and renames, never forced (the page cache writes them back later; the CPU of
 *       that writeback mostly falls outside the window, so this is a lower bound).</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.siprec.benchmarks.storage.ForceFloor [dir] [calls] [threads] [rounds]}
 * (defaults: a folder under {@code java.io.tmpdir}, 2000 calls, 1 and 4 threads, 3 rounds). The folder should be on the
 * file system that holds the recordings. Prints figures, asserts nothing; the machine-wide CPU includes whatever else
 * runs, so take it on a quiet machine and read the load average printed with it.
 */
public final class ForceFloor {
    private static final int SUMMARY_BYTES = 2600;
    private static final int METADATA_BYTES = 2200;
    private static final int WAV_BYTES = 44 + 320;

    enum Mode { FORCED, END_ONLY, NONE }

    private ForceFloor() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"), "siprec-force-floor");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int[] threads = args.length > 2 ? new int[] {Integer.parseInt(args[2])} : new int[] {1, 4};
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "ForceFloor: %d calls per run in %s, %d cores, load %s%n", calls, dir,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        // warm-up: the JIT and the file system's caches
        run(dir.resolve("warm"), Mode.FORCED, Math.min(calls, 500), 1);
        run(dir.resolve("warm2"), Mode.NONE, Math.min(calls, 500), 1);
        System.out.println("mode      threads  machine CPU us/call  process CPU us/call  calls/s (wall)");
        for (int r = 1; r <= rounds; r++) {
            for (int t : threads) {
                for (Mode m : Mode.values()) {
                    Result res = run(dir.resolve("r" + r + "-" + t + "-" + m.name().toLowerCase(Locale.ROOT)), m, calls, t);
                    System.out.printf(Locale.ROOT, "%-9s %7d  %19.0f  %19.0f  %14.0f%n", m.name().toLowerCase(Locale.ROOT), t,
                            res.machineMicros / calls, res.processMicros / calls, calls / res.wallSeconds);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    record Result(double machineMicros, double processMicros, double wallSeconds) {
    }

    static Result run(Path day, Mode mode, int calls, int threads) throws Exception {
        Files.createDirectories(day);
        long machine0 = machineBusyMicros();
        long process0 = processMicros();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                    call(day, i, mode);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(machineBusyMicros() - machine0, processMicros() - process0, wall);
    }

    /** One call's folder: start (summary, folder entries), end (WAVs, metadata, final summary), as the sink does them. */
    static void call(Path day, int n, Mode mode) throws IOException {
        boolean force = mode != Mode.NONE;
        Path folder = day.resolve(String.format(Locale.ROOT, "call-%07d", n));
        Files.createDirectory(folder);
        // start: the first summary, written in place, then the folder and the day forced
        write(folder.resolve("session.json"), SUMMARY_BYTES, mode == Mode.FORCED);
        if (mode == Mode.FORCED) {
            forceDirectory(folder);
            forceDirectory(day);
        }
        // the files of the call
        List<FileChannel> wavs = new ArrayList<>();
        for (String name : List.of("stream-1.wav", "stream-2.wav", "stereo.wav")) {
            FileChannel ch = FileChannel.open(folder.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ch.write(ByteBuffer.allocate(44));
            wavs.add(ch);
        }
        write(folder.resolve("metadata-1.xml"), METADATA_BYTES, false);
        // a second summary a second into the call (the streams and metadata listed), renamed over the first
        replace(folder, false);
        // end: the WAVs' data and headers, forced; the metadata forced; the final summary forced, renamed, the folder forced
        for (FileChannel ch : wavs) {
            ch.write(ByteBuffer.allocate(WAV_BYTES - 44), 44);
            ch.write(ByteBuffer.allocate(44), 0);
            if (force) {
                ch.force(true);
            }
            ch.close();
        }
        if (force) {
            try (FileChannel ch = FileChannel.open(folder.resolve("metadata-1.xml"), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        replace(folder, force);
        if (force) {
            forceDirectory(folder);
        }
        if (mode == Mode.END_ONLY) {
            forceDirectory(day);
        }
    }

    private static void replace(Path folder, boolean force) throws IOException {
        Path tmp = folder.resolve("session.json.tmp");
        write(tmp, SUMMARY_BYTES, force);
        Files.move(tmp, folder.resolve("session.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, int bytes, boolean force) throws IOException {
        byte[] content = new byte[bytes];
        java.util.Arrays.fill(content, (byte) 'x');
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(content));
            if (force) {
                ch.force(true);
            }
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Busy time of all CPUs of this machine, in microseconds. */
    static long machineBusyMicros() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) { // user, nice, system, irq, softirq (not idle, iowait, steal; guest is in user)
            busy += Long.parseLong(f[i]);
        }
        return busy * 1_000_000L / 100; // USER_HZ = 100 on Linux
    }

    /** This process's user + system time, in microseconds. */
    static long processMicros() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000L / 100;
    }
}
