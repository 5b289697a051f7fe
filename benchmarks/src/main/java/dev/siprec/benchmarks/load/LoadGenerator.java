package dev.siprec.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A single-process SIPREC + SRTP load generator: places {@code calls} two-stream SIPREC calls over UDP
 * at {@code rate} per second, streams a 20 ms SRTP-protected tone on every stream (its own socket,
 * {@code AES_CM_128_HMAC_SHA1_80}, the key it offered), holds every call up for {@code hold} seconds
 * once all are placed, hangs up, and reports: calls, packets, the pacing lateness (how late each
 * send was against its schedule), the generator's CPU and the server's CPU per 1,000 packets;
 * then checks the server's recordings (loss, authentication failures, WAV lengths).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.siprec.benchmarks.load.LoadGenerator \
 *      --server 127.0.0.1:5060 --calls 1000 --rate 50 --hold 30 \
 *      [--codec PCMU|PCMA] [--pacers 1] [--local 127.0.0.1] [--server-pid PID] \
 *      [--recordings DIR] [--max-loss 0.01]
 * </pre>
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /** One sample of the monitor: instant, CPU of both processes, packets sent. */
    private record Sample(long at, long generatorCpuNanos, long serverCpuNanos, long packets, String load,
                          Map<String, long[]> generatorThreads, Map<String, long[]> serverThreads) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String[] server = o.getOrDefault("server", "127.0.0.1:5060").split(":");
        LoadPlan plan = new LoadPlan(Integer.parseInt(o.getOrDefault("calls", "100")),
                Double.parseDouble(o.getOrDefault("rate", "50")), Integer.parseInt(o.getOrDefault("hold", "30")),
                o.getOrDefault("codec", "PCMU"), server[0], Integer.parseInt(server[1]),
                o.getOrDefault("local", "127.0.0.1"), Integer.parseInt(o.getOrDefault("pacers", "1")));
        long serverPid = Long.parseLong(o.getOrDefault("server-pid", "0"));
        double maxLoss = Double.parseDouble(o.getOrDefault("max-loss", "0.01"));
        System.out.printf("plan: %d calls at %.0f/s, each streaming %d s (ramp + %d s hold), %s SRTP %s, %d pacer(s), "
                        + "server %s:%d pid %d; load %s%n", plan.calls(), plan.rate(), plan.callSeconds(), plan.holdSeconds(),
                plan.codec(), SiprecOffer.SUITE, plan.pacers(), plan.serverHost(), plan.serverPort(), serverPid, loadavg());

        long epoch = System.nanoTime();
        Pacer[] pacers = new Pacer[plan.pacers()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pacers.length; i++) {
            pacers[i] = new Pacer(epoch);
            threads.add(new Thread(pacers[i], "pacer-" + i));
        }
        Prefiller prefiller = new Prefiller();
        threads.add(new Thread(prefiller, "prefiller"));
        threads.forEach(t -> {
            t.setPriority(Thread.MAX_PRIORITY);
            t.start();
        });
        SipAgent agent = new SipAgent(plan, pacers, prefiller, epoch);
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Thread monitor = new Thread(() -> monitor(samples, pacers, serverPid, agent), "monitor");
        monitor.setDaemon(true);
        monitor.start();
        long started = System.nanoTime();
        agent.run();
        long ended = System.nanoTime();
        monitor.interrupt();
        samples.add(sample(pacers, serverPid));
        prefiller.stop();
        for (Pacer p : pacers) {
            p.stop();
        }
        for (Thread t : threads) {
            t.join();
        }
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        Map<String, Long> threadCpu = new LinkedHashMap<>();
        threadCpu.put("sip (main)", tmx.getCurrentThreadCpuTime());
        for (int i = 0; i < pacers.length; i++) {
            threadCpu.put("pacer-" + i, pacers[i].cpuNanos);
        }
        threadCpu.put("prefiller", prefiller.cpuNanos);
        report(plan, agent, pacers, prefiller, samples, started, ended, threadCpu);
        List<RecordingCheck.Sent> sent = new ArrayList<>();
        for (LoadCall c : agent.calls) {
            if (c.streams != null) {
                Map<String, Integer> perLabel = new HashMap<>();
                for (MediaStream s : c.streams) {
                    perLabel.put(s.label, s.sent());
                    s.closeChannel();
                }
                sent.add(new RecordingCheck.Sent(c.callId, perLabel));
            }
        }
        agent.close();
        if (o.containsKey("recordings")) {
            RecordingCheck check = new RecordingCheck(Path.of(o.get("recordings")), maxLoss);
            RecordingCheck.Result r = check.check(sent, 120);
            RecordingCheck.print(r, maxLoss, System.out);
            System.exit(r.ok(maxLoss) && agent.failures.isEmpty() ? 0 : 1);
        }
    }

    private static void monitor(List<Sample> samples, Pacer[] pacers, long serverPid, SipAgent agent) {
        long next = System.nanoTime();
        int n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Sample s = sample(pacers, serverPid);
            samples.add(s);
            if (n++ % 5 == 0) {
                int active = 0;
                for (Pacer p : pacers) {
                    active += p.active();
                }
                System.out.printf("  t=%3ds streams %5d packets %9d load %s%n", n - 1, active, s.packets(), s.load());
            }
            next += 1_000_000_000L;
            try {
                Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Sample sample(Pacer[] pacers, long serverPid) {
        long packets = 0;
        for (Pacer p : pacers) {
            packets += p.sent;
        }
        return new Sample(System.nanoTime(), processCpu(), serverCpu(serverPid), packets, loadavg(),
                ProcThreads.snapshot(ProcessHandle.current().pid()), serverPid > 0 ? ProcThreads.snapshot(serverPid) : Map.of());
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of another process from /proc/PID/stat (fields 14 and 15, USER_HZ = 100 ticks/s). */
    static long serverCpu(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void report(LoadPlan plan, SipAgent agent, Pacer[] pacers, Prefiller prefiller, List<Sample> samples,
                               long started, long ended, Map<String, Long> threadCpu) {
        int answered = 0;
        int byeOk = 0;
        int byeFailed = 0;
        int serverByes = 0;
        for (LoadCall c : agent.calls) {
            if (c.answeredAt != 0) {
                answered++;
            }
            if (c.byeStatus >= 200 && c.byeStatus < 300) {
                byeOk++;
            } else if (c.byeStatus != 0) {
                byeFailed++;
            }
            if (c.endedByServer) {
                serverByes++;
            }
        }
        Histogram late = new Histogram();
        long sent = 0;
        long underruns = 0;
        long refused = 0;
        for (Pacer p : pacers) {
            late.add(p.lateness);
            sent += p.sent;
            underruns += p.underruns;
            refused += p.refused;
        }
        System.out.printf("calls: placed %d, answered %d, failed %s, BYE 2xx %d, BYE failed %d, ended by server %d; "
                        + "retransmissions %d, unparsable %d, stray %d%n", agent.calls.size(), answered, agent.failures,
                byeOk, byeFailed, serverByes, agent.retransmissions, agent.parseErrors, agent.strayMessages);
        System.out.printf("set-up (INVITE to 200): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                agent.setupMillis.quantile(0.5) / 1000.0, agent.setupMillis.quantile(0.99) / 1000.0, agent.setupMillis.max() / 1000.0);
        System.out.printf("media: %d packets sent in %.1f s, protected %d, catch-ups %d, refused by socket %d%n",
                sent, (ended - started) / 1e9, prefiller.protectedPackets, underruns, refused);
        System.out.printf("pacing lateness (send vs schedule): p50 %d us, p99 %d us, p99.9 %d us, max %d us over %d sends%n",
                late.quantile(0.5), late.quantile(0.99), late.quantile(0.999), late.max(), late.total());
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        cpu("whole run", first, last);
        if (!last.serverThreads().isEmpty()) {
            System.out.println("  server threads over the whole run (call set-up included):");
            ProcThreads.top(first.serverThreads(), last.serverThreads(), 6).forEach(l -> System.out.println("    " + l));
        }
        if (agent.allMediaStarted != 0 && agent.firstBye > agent.allMediaStarted) {
            Sample a = null;
            Sample b = null;
            for (Sample s : samples) {
                if (a == null && s.at() >= agent.allMediaStarted) {
                    a = s;
                }
                if (s.at() <= agent.firstBye) {
                    b = s;
                }
            }
            if (a != null && b != null && b.at() > a.at()) {
                cpu("hold (all calls up, no signalling)", a, b);
                System.out.println("  generator threads during the hold (user + system CPU):");
                ProcThreads.top(a.generatorThreads(), b.generatorThreads(), 6).forEach(l -> System.out.println("    " + l));
                if (!b.serverThreads().isEmpty()) {
                    System.out.println("  server threads during the hold:");
                    ProcThreads.top(a.serverThreads(), b.serverThreads(), 10).forEach(l -> System.out.println("    " + l));
                }
            }
        }
        threadCpu.forEach((name, ns) -> System.out.printf("  thread %s: %.2f s CPU%n", name, ns / 1e9));
        System.out.println("load average at the end: " + loadavg());
    }

    private static void cpu(String window, Sample a, Sample b) {
        long packets = b.packets() - a.packets();
        double seconds = (b.at() - a.at()) / 1e9;
        double gen = (b.generatorCpuNanos() - a.generatorCpuNanos()) / 1e6;
        String line = String.format("cpu, %s (%.1f s, %d packets, %.0f packets/s): generator %.0f ms = %.1f %% of a core, "
                        + "%.2f ms per 1,000 packets", window, seconds, packets, packets / seconds, gen, gen / seconds / 10,
                packets == 0 ? 0 : gen * 1000 / packets);
        if (a.serverCpuNanos() >= 0 && b.serverCpuNanos() >= 0) {
            double srv = (b.serverCpuNanos() - a.serverCpuNanos()) / 1e6;
            line += String.format("; server %.0f ms = %.1f %% of a core, %.2f ms per 1,000 packets", srv, srv / seconds / 10,
                    packets == 0 ? 0 : srv * 1000 / packets);
        }
        System.out.println(line + "; load " + a.load() + " -> " + b.load());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --server host:port --calls N --rate R --hold S [--codec PCMU|PCMA] "
                        + "[--pacers P] [--local ADDR] [--server-pid PID] [--recordings DIR] [--max-loss PERCENT]; got " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

}
