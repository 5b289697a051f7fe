package dev.siprec.benchmarks.srtp;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.core.internal.SrtpEngineImpl;

/**
 * What one receiving SRTP session costs, in-process, per suite: the heap it keeps (after GC, N
 * sessions against none) once opened, after its first SRTP packet and after its first SRTCP packet
 * (a recorded stream has both), and the bytes the opening thread allocates for the open itself, the
 * first SRTP packet and the first SRTCP packet (transient garbage plus what is kept), and per cycle of
 * open, one SRTP packet, close in a steady churn (what JMH's {@code unprotect} re-opening costs). Receive-only
 * sessions, as the media engine opens them. Measures and prints; asserts nothing.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.siprec.benchmarks.srtp.SessionFootprint [sessions] [suites...]};
 * {@code -Dfootprint.histogram=N} prints the N largest classes after the first SRTP packets.
 */
public final class SessionFootprint {
    private SessionFootprint() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<String> suites = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            suites.add(args[i]);
        }
        if (suites.isEmpty()) {
            suites = List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM");
        }
        SrtpEngineImpl engine = SrtpBenchmark.engine(4 * n + 10);
        System.out.printf("SRTP receive sessions, %d per suite (JDK kernels: %s)%n", n,
                System.getProperty("dev.siprec.srtp.jdkKernels.disable") == null ? "where the JVM opens them" : "disabled");
        System.out.printf("%-26s %10s %10s %10s | %10s %10s %10s | %12s%n", "suite", "kept open", "+1st RTP", "+1st RTCP",
                "alloc open", "alloc RTP", "alloc RTCP", "alloc cycle");
        for (String suite : suites) {
            run(engine, suite, 2000); // warm-up: classes, JIT, the suite's own warm-up
            run(engine, suite, n);
        }
    }

    private static void run(SrtpEngineImpl engine, String suite, int n) {
        SrtpPolicy[] policies = new SrtpPolicy[n];
        for (int i = 0; i < n; i++) {
            policies[i] = SrtpBenchmark.policy(SrtpBenchmark.registrySuite(suite));
        }
        // one protected RTP and one SRTCP packet per session, made before the idle sample
        byte[][] rtp = new byte[n][];
        byte[][] rtcp = new byte[n][];
        try (SrtpSession tx = engine.newSession(SrtpBenchmark.policy(SrtpBenchmark.registrySuite(suite)))) {
            SrtpPacket p = new SrtpPacket(new byte[256]);
            for (int i = 0; i < n; i++) {
                SrtpBenchmark.rtp(p.buffer(), i & 0xffff);
                p.length(SrtpBenchmark.RTP);
                check(tx.protectRtp(p));
                rtp[i] = java.util.Arrays.copyOf(p.buffer(), p.length());
                byte[] b = p.buffer();
                java.util.Arrays.fill(b, 0, 80, (byte) 0);
                b[0] = (byte) 0x81; // RR with one report block: 8 + 24 + the SSRC of the source
                b[1] = (byte) 201;
                b[3] = 7;
                b[4] = 0x12;
                b[5] = 0x34;
                b[6] = 0x56;
                b[7] = 0x78;
                p.length(32);
                check(tx.protectRtcp(p));
                rtcp[i] = java.util.Arrays.copyOf(p.buffer(), p.length());
            }
        }
        SrtpSession[] sessions = new SrtpSession[n];
        SrtpPacket view = new SrtpPacket(new byte[256]);
        long idle = heap();
        long a0 = allocated();
        for (int i = 0; i < n; i++) {
            sessions[i] = engine.newReceiveSession(policies[i]);
        }
        long a1 = allocated();
        long open = heap();
        long a2 = allocated();
        for (int i = 0; i < n; i++) {
            System.arraycopy(rtp[i], 0, view.buffer(), 0, rtp[i].length);
            view.length(rtp[i].length);
            check(sessions[i].unprotectRtp(view));
        }
        long a3 = allocated();
        long withRtp = heap();
        if (n < 2000) {
            histogram(suite + ", after the first SRTP packet");
        }
        long a4 = allocated();
        for (int i = 0; i < n; i++) {
            System.arraycopy(rtcp[i], 0, view.buffer(), 0, rtcp[i].length);
            view.length(rtcp[i].length);
            check(sessions[i].unprotectRtcp(view));
        }
        long a5 = allocated();
        long withRtcp = heap();
        for (SrtpSession s : sessions) {
            s.close();
        }
        // steady churn, as JMH's unprotect re-opens its receiver: open, one SRTP packet, close
        for (int i = 0; i < n; i++) {
            policies[i] = SrtpBenchmark.policy(SrtpBenchmark.registrySuite(suite));
        }
        long c0 = allocated();
        for (int i = 0; i < n; i++) {
            try (SrtpSession s = engine.newReceiveSession(policies[i])) {
                System.arraycopy(rtp[i], 0, view.buffer(), 0, rtp[i].length);
                view.length(rtp[i].length);
                check(s.unprotectRtp(view));
            }
        }
        long c1 = allocated();
        if (n >= 2000) {
            return; // warm-up round
        }
        System.out.printf("%-26s %8.2f Ki %8.2f Ki %8.2f Ki | %8.2f KB %8.2f KB %8.2f KB | %9.2f KB%n", suite,
                (open - idle) / 1024.0 / n, (withRtp - idle) / 1024.0 / n, (withRtcp - idle) / 1024.0 / n,
                (a1 - a0) / 1000.0 / n, (a3 - a2) / 1000.0 / n, (a5 - a4) / 1000.0 / n, (c1 - c0) / 1000.0 / n);
    }

    /** With {@code -Dfootprint.histogram=N}: the N largest classes of the live heap. */
    private static void histogram(String when) {
        int rows = Integer.getInteger("footprint.histogram", 0);
        if (rows <= 0) {
            return;
        }
        try {
            String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            System.out.println("-- class histogram, " + when);
            h.lines().limit(rows + 3L).forEach(System.out::println);
        } catch (javax.management.JMException e) {
            System.out.println("-- no class histogram: " + e);
        }
    }

    private static void check(SrtpStatus s) {
        if (s != SrtpStatus.OK) {
            throw new IllegalStateException("packet refused: " + s);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long heap() {
        long before = Long.MAX_VALUE;
        long used = used();
        for (int i = 0; i < 6 && used != before; i++) {
            before = used;
            used = used();
        }
        return used;
    }

    private static long used() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
