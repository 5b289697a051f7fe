package dev.siprec.benchmarks.srtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.core.internal.SrtpEngineImpl;

/**
 * Our unprotect and libsrtp's, alternated window by window in one run, for a machine shared with
 * other work where a JMH mean and a C run a minute apart see different loads. Each window is
 * {@code packets} unprotects of the same 4,096-packet ring as {@link SrtpBenchmark#unprotect}
 * (copy included, the receiver re-created every 4,096 packets inside the timing, as the C loop
 * does); a C window is one {@code srtp_peer bench} run of the same count (binary built by
 * {@link LibSrtpBaseline} into {@code target/srtp_peer_bench}). Reports the best (least disturbed)
 * and the median window of each side and their ratios.
 *
 * <pre>java [JVM options] -cp target/benchmarks.jar dev.siprec.benchmarks.srtp.InterleavedBaseline [rounds [packets [suite...]]]</pre>
 */
public final class InterleavedBaseline {
    private InterleavedBaseline() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int packets = args.length > 1 ? Integer.parseInt(args[1]) : 131_072;
        List<String> suites = args.length > 2 ? List.of(Arrays.copyOfRange(args, 2, args.length))
                : List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM");
        Path binary = Path.of("target/srtp_peer_bench").toAbsolutePath();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " missing: run LibSrtpBaseline first (it builds it)");
        }
        System.out.printf("%d rounds, windows of %d packets, load average %s%n", rounds, packets, load());
        for (String suite : suites) {
            Ours ours = new Ours(suite);
            ours.window(packets); // JIT warm-up
            ours.window(packets);
            double[] j = new double[rounds];
            double[] c = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                j[r] = ours.window(packets);
                c[r] = libsrtp(binary, suite, packets);
            }
            Arrays.sort(j);
            Arrays.sort(c);
            System.out.printf("%-24s ours best %6.1f median %6.1f ns | libsrtp best %6.1f median %6.1f ns | "
                    + "libsrtp/ours best %.2f median %.2f%n", suite, j[0], j[rounds / 2], c[0], c[rounds / 2],
                    c[0] / j[0], c[rounds / 2] / j[rounds / 2]);
        }
        System.out.printf("load average after: %s%n", load());
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static double libsrtp(Path binary, String suite, int packets) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(binary.toString(), "bench", suite, Integer.toString(packets)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException("srtp_peer bench failed: " + out);
        }
        return Double.parseDouble(out.substring(out.indexOf(' ') + 1));
    }

    /** The {@link SrtpBenchmark#unprotect} loop, timed per window. */
    private static final class Ours {
        private final String suite;
        private final SrtpEngineImpl engine = SrtpBenchmark.engine();
        private final List<byte[]> wire = new ArrayList<>();
        private final SrtpPacket packet = new SrtpPacket(new byte[256]);
        private SrtpSession rx;
        private int next;

        Ours(String suite) {
            this.suite = suite;
            SrtpPacket p = new SrtpPacket(new byte[256]);
            try (SrtpSession tx = engine.newSession(SrtpBenchmark.policy(SrtpBenchmark.registrySuite(suite)))) {
                for (int i = 0; i < SrtpBenchmark.PACKETS; i++) {
                    SrtpBenchmark.rtp(p.buffer(), (SrtpBenchmark.FIRST_SEQ + i) & 0xffff);
                    for (int j = 12; j < SrtpBenchmark.RTP; j++) {
                        p.buffer()[j] = (byte) (i + j);
                    }
                    p.length(SrtpBenchmark.RTP);
                    if (tx.protectRtp(p) != SrtpStatus.OK) {
                        throw new IllegalStateException("protect failed at " + i);
                    }
                    wire.add(Arrays.copyOf(p.buffer(), p.length()));
                }
            }
            rx = engine.newSession(SrtpBenchmark.policy(SrtpBenchmark.registrySuite(suite)));
        }

        double window(int packets) {
            long t0 = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                if (next == SrtpBenchmark.PACKETS) {
                    rx.close();
                    rx = engine.newSession(SrtpBenchmark.policy(SrtpBenchmark.registrySuite(suite)));
                    next = 0;
                }
                byte[] w = wire.get(next++);
                System.arraycopy(w, 0, packet.buffer(), 0, w.length);
                packet.length(w.length);
                if (rx.unprotectRtp(packet) != SrtpStatus.OK) {
                    throw new IllegalStateException("unprotect failed");
                }
            }
            return (System.nanoTime() - t0) / (double) packets;
        }
    }
}
