package dev.siprec.srtp.dtls.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Handshakes per CPU-second, JMH-free: {@code n} full DTLS-SRTP handshakes between a server and a
 * client association over loopback UDP, one after the other, both ends in this JVM. CPU is the
 * process CPU time, so it covers both ends (a server alone does about twice as many).
 *
 * <pre>java -cp ... dev.siprec.srtp.dtls.internal.HandshakeBenchmark [n]</pre>
 */
public final class HandshakeBenchmark {
    private HandshakeBenchmark() {
    }

    /** @return handshakes per CPU-second (both ends) after a warm-up of {@code warmup}. */
    static double run(int warmup, int n) throws Exception {
        DtlsEngine server = new DtlsEngine(DtlsSettings.defaults());
        DtlsEngine client = new DtlsEngine(DtlsSettings.defaults());
        try {
            for (int i = 0; i < warmup; i++) {
                once(server, client);
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                once(server, client);
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            double perCpu = n / cpu;
            System.out.printf(Locale.ROOT, "DTLS-SRTP handshakes: %d in %.2f s wall, %.2f s CPU (both ends): "
                    + "%.1f handshakes per CPU-second, %.1f per wall-second%n", n, wall, cpu, perCpu, n / wall);
            return perCpu;
        } finally {
            server.close();
            client.close();
        }
    }

    private static void once(DtlsEngine server, DtlsEngine client) throws Exception {
        try (LoopbackPair p = new LoopbackPair(server, client, List.of(SrtpProfile.values()), List.of(SrtpProfile.values()))) {
            p.start();
            p.awaitBoth(20);
        }
    }

    public static void main(String[] args) throws Exception {
        run(50, args.length > 0 ? Integer.parseInt(args[0]) : 500);
    }
}
