package dev.siprec.benchmarks.media;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;

import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.MediaConfig;
import dev.siprec.media.internal.MediaEngine;
import dev.siprec.media.internal.MediaSettings;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.wav.internal.WavSink;
import dev.siprec.recording.wav.internal.WavSinkConfig;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.core.internal.SrtpEngineImpl;
import dev.siprec.srtp.core.internal.SuiteRegistry;
import dev.siprec.srtp.suite.aescm.internal.AesCm128HmacSha1_80;

/**
 * Footprint of recorded calls, in-process: the server's media engine (RTP reception, optional SRTP
 * unprotect, jitter buffer, PCMU decode) and its WAV recording sink (stream files, stereo mix,
 * session.json) hold {@code calls} two-stream calls fed with real-time 20 ms PCMU over loopback.
 * Prints heap after GC, threads and open file descriptors, idle and with the calls up, per call,
 * at one third of the call length and at its end (what grows with the call's length), and once
 * the calls have ended (what is released). Measures and prints; asserts nothing.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.siprec.benchmarks.media.CallFootprint 200 30 [srtp]}
 */
public final class CallFootprint {
    private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";

    private CallFootprint() {
    }

    /** Heap used after full collections, live threads and open file descriptors of this JVM. */
    record Sample(long heap, int threads, long fds) {
        static Sample take() throws IOException {
            return take(0);
        }

        /** @param ownThreads threads of the benchmark itself to leave out (the sender) */
        static Sample take(int ownThreads) throws IOException {
            long before = Long.MAX_VALUE;
            long heap = used();
            // collect until the figure settles (at most 5 rounds): finalizable and soft state goes
            for (int i = 0; i < 5 && heap < before - 64 * 1024; i++) {
                before = heap;
                System.gc();
                heap = used();
            }
            return new Sample(heap, ManagementFactory.getThreadMXBean().getThreadCount() - ownThreads, openFds());
        }

        private static long used() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        private static long openFds() throws IOException {
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                return s.count();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        boolean srtp = args.length > 2 && "srtp".equals(args[2]);
        Path data = Files.createTempDirectory("siprec-footprint-");
        SrtpEngineImpl srtpEngine = srtpEngine(4 * calls + 10);
        WavSink wav = new WavSink(context(data), MediaLoad.annotation(WavSinkConfig.class,
                Map.of("min_free_bytes", 0L)));
        MediaConfig config = MediaLoad.annotation(MediaConfig.class, Map.of("rtp_port_min", 40000, "rtp_port_max", 59999,
                "bind_address", "127.0.0.1", "raw_directory", "", "socket_receive_buffer", 1 << 18));
        try (MediaEngine engine = new MediaEngine(MediaSettings.from(config), MediaClock.system(), () -> srtpEngine);
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] packet = new byte[172 + 32];
            SrtpPacket view = new SrtpPacket(packet);
            ByteBuffer buf = ByteBuffer.wrap(packet);
            // the sender's SRTP contexts live in this JVM too: made (and used once) before the idle sample
            List<List<SrtpSession>> protectors = new ArrayList<>();
            for (int i = 0; i < calls && srtp; i++) {
                protectors.add(Call.protectors(i, srtpEngine, packet, view));
            }
            Sample idle = Sample.take();
            inspect(".idle");
            List<Call> up = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                up.add(Call.open(i, engine, wav, srtp ? protectors.get(i) : List.of(),
                        (InetSocketAddress) sender.getLocalAddress()));
            }
            int ticks = seconds * 50;
            // the calls stay active while measured: the sender runs on its own thread meanwhile
            java.util.concurrent.atomic.AtomicInteger tick = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicLong late = new java.util.concurrent.atomic.AtomicLong();
            Thread sending = new Thread(() -> send(up, sender, ticks, packet, view, buf, tick, late), "footprint-sender");
            sending.start();
            awaitTick(tick, ticks / 3);
            Sample third = Sample.take(1);
            inspect("");
            awaitTick(tick, ticks - 25);
            Sample end = Sample.take(1);
            inspect(".end");
            sending.join();
            for (Call c : up) {
                c.end();
            }
            up.clear();
            protectors.clear();
            Sample after = Sample.take();
            print(calls, seconds, srtp, idle, third, end, after, late.get(), ticks, data);
            audio(data, calls, ticks);
        } finally {
            wav.deactivate();
            deleteTree(data);
        }
    }

    /**
     * With {@code -Dfootprint.histogram=N}, prints the N largest classes of the live heap (what
     * {@code jcmd <pid> GC.class_histogram} shows); with {@code -Dfootprint.dump=file.hprof}, writes a
     * heap dump of the live objects: when idle ({@code file.idle.hprof}), and at both samples with the calls up
     * ({@code file.hprof}, {@code file.end.hprof}).
     */
    private static void inspect(String suffix) throws Exception {
        int rows = Integer.getInteger("footprint.histogram", 0);
        javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (rows > 0) {
            String histogram = (String) server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            histogram.lines().limit(rows + 3L).forEach(System.out::println);
        }
        String dump = System.getProperty("footprint.dump");
        if (dump != null) {
            ManagementFactory.newPlatformMXBeanProxy(server, "com.sun.management:type=HotSpotDiagnostic",
                    com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(dump.replaceFirst("(\\.hprof)?$", "") + suffix + ".hprof", true);
        }
    }

    /** Sends one 20 ms packet per stream and tick, paced in real time; counts the ticks that started late. */
    private static void send(List<Call> up, DatagramChannel sender, int ticks, byte[] packet, SrtpPacket view, ByteBuffer buf,
                             java.util.concurrent.atomic.AtomicInteger tick, java.util.concurrent.atomic.AtomicLong late) {
        long start = System.nanoTime();
        try {
            for (int t = 0; t < ticks; t++) {
                for (Call c : up) {
                    c.send(sender, t, packet, view, buf);
                }
                tick.set(t + 1);
                long wait = start + (t + 1) * 20_000_000L - System.nanoTime();
                if (wait < 0) {
                    late.incrementAndGet();
                }
                LockSupport.parkNanos(wait);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitTick(java.util.concurrent.atomic.AtomicInteger tick, int t) throws InterruptedException {
        while (tick.get() < t) {
            Thread.sleep(5);
        }
    }

    private static void print(int calls, int seconds, boolean srtp, Sample idle, Sample third, Sample end, Sample after,
                              long late, int ticks, Path data) throws IOException {
        System.out.printf("calls=%d (2 streams each, %s, WAV sink) length=%d s, ticks late %d of %d, recordings %s%n",
                calls, srtp ? SUITE : "plain RTP", seconds, late, ticks, data);
        System.out.printf("idle          heap %8.1f KiB  threads %4d  fds %5d%n", idle.heap() / 1024.0, idle.threads(),
                idle.fds());
        line("at " + seconds / 3 + " s", calls, idle, third);
        line("at " + seconds + " s", calls, idle, end);
        System.out.printf("after end     heap %8.1f KiB  threads %4d  fds %5d  (delta vs idle: heap %+.1f KiB, threads %+d,"
                + " fds %+d)%n", after.heap() / 1024.0, after.threads(), after.fds(), (after.heap() - idle.heap()) / 1024.0,
                after.threads() - idle.threads(), after.fds() - idle.fds());
        System.out.printf("growth from %d s to %d s per call: heap %+.2f KiB, threads %+.3f, fds %+.3f%n", seconds / 3,
                seconds, (end.heap() - third.heap()) / 1024.0 / calls, (end.threads() - third.threads()) / (double) calls,
                (end.fds() - third.fds()) / (double) calls);
    }

    /** What reached the files: the audio of each stream file and of the stereo mix against what was sent. */
    private static void audio(Path data, int calls, int ticks) throws IOException {
        long streamBytes = 0;
        long stereoBytes = 0;
        int files = 0;
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".wav")) {
                    files++;
                    long audio = Math.max(0, Files.size(p) - 44);
                    if (name.equals("stereo.wav")) {
                        stereoBytes += audio;
                    } else {
                        streamBytes += audio;
                    }
                }
            }
        }
        double sent = ticks * 0.02;
        System.out.printf("recorded audio: %d WAV files; per stream file %.2f s, per stereo file %.2f s (sent %.2f s per stream)%n",
                files, streamBytes / 2.0 / 8000 / (2.0 * calls), stereoBytes / 4.0 / 8000 / calls, sent);
    }

    private static void line(String label, int calls, Sample idle, Sample s) {
        System.out.printf("%-13s heap %8.1f KiB  threads %4d  fds %5d  per call: heap %6.2f KiB, threads %.3f, fds %.2f%n",
                label, s.heap() / 1024.0, s.threads(), s.fds(), (s.heap() - idle.heap()) / 1024.0 / calls,
                (s.threads() - idle.threads()) / (double) calls, (s.fds() - idle.fds()) / (double) calls);
    }

    /** One recorded call: a sink session and two receivers, with the sender's SRTP sessions when protected. */
    private static final class Call {
        private final RecordingSink.Session recording;
        private final List<MediaReceiver> receivers = new ArrayList<>();
        private final List<InetSocketAddress> targets = new ArrayList<>();
        private final List<SrtpSession> protectors = new ArrayList<>();
        private final int index;

        private Call(int index, RecordingSink.Session recording, List<SrtpSession> protectors) {
            this.index = index;
            this.recording = recording;
            this.protectors.addAll(protectors);
        }

        /** The sender's SRTP sessions of call {@code index}, each having protected one packet of its stream. */
        static List<SrtpSession> protectors(int index, SrtpEngineImpl srtp, byte[] packet, SrtpPacket view) {
            List<SrtpSession> list = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                SrtpSession session = srtp.newSession(policy());
                header(packet, index * 2 + s, 0);
                view.length(172);
                session.protectRtp(view);
                list.add(session);
            }
            return list;
        }

        static Call open(int index, MediaEngine engine, WavSink wav, List<SrtpSession> protectors, InetSocketAddress from)
                throws Exception {
            boolean srtp = !protectors.isEmpty();
            String id = "footprint-" + index;
            List<MediaStream> streams = List.of(
                    new MediaStream("a", "1", "st-a", 0, "PCMU", 8000, srtp ? SUITE : null),
                    new MediaStream("b", "2", "st-b", 1, "PCMU", 8000, srtp ? SUITE : null));
            RecordingSession session = new RecordingSession(id, id + "@bench", "rs-" + index, null, List.of(), "UDP",
                    "127.0.0.1:5062", Instant.now(), List.of(), streams, 0);
            Call call = new Call(index, wav.open(session), protectors);
            for (MediaStream st : streams) {
                call.recording.streamAdded(st);
                MediaReceiver r = engine.allocate(id, st.key(), false);
                // the offer names the sender's address: the stream latches to it (and only to it)
                r.start(new StreamSettings(st.key(), List.of(new Codec(0, "PCMU", 8000, 1, null)), true, from,
                        srtp ? policy() : null, 20), call.recording);
                call.receivers.add(r);
                call.targets.add(new InetSocketAddress("127.0.0.1", r.local().rtpPort()));
            }
            return call;
        }

        void send(DatagramChannel sender, int tick, byte[] packet, SrtpPacket view, ByteBuffer buf) throws IOException {
            for (int s = 0; s < targets.size(); s++) {
                header(packet, index * 2 + s, tick);
                view.length(172);
                if (!protectors.isEmpty()) {
                    protectors.get(s).protectRtp(view);
                }
                buf.clear().limit(view.length());
                sender.send(buf, targets.get(s));
            }
        }

        /** A 20 ms PCMU packet of {@code ssrc} at {@code tick} (sequence number and timestamp from it). */
        static void header(byte[] packet, int ssrc, int tick) {
            long ts = 160L * tick;
            packet[0] = (byte) 0x80;
            packet[1] = 0;
            packet[2] = (byte) (tick >> 8);
            packet[3] = (byte) tick;
            packet[4] = (byte) (ts >>> 24);
            packet[5] = (byte) (ts >>> 16);
            packet[6] = (byte) (ts >>> 8);
            packet[7] = (byte) ts;
            packet[8] = (byte) (ssrc >>> 24);
            packet[9] = (byte) (ssrc >>> 16);
            packet[10] = (byte) (ssrc >>> 8);
            packet[11] = (byte) ssrc;
            java.util.Arrays.fill(packet, 12, 172, (byte) (0x7F + (tick & 0x1F)));
        }

        void end() throws Exception {
            for (MediaReceiver r : receivers) {
                r.close();
            }
            recording.end(EndReason.BYE);
            protectors.forEach(SrtpSession::close);
        }
    }

    private static SrtpPolicy policy() {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return SrtpPolicy.of(SUITE, new SrtpMasterKey(key, salt));
    }

    private static SrtpEngineImpl srtpEngine(int sessions) {
        SuiteRegistry registry = new SuiteRegistry();
        SrtpCryptoSuite suite = new AesCm128HmacSha1_80();
        registry.add(suite, Map.of(SrtpCryptoSuite.SUITE, suite.name()), "footprint");
        return new SrtpEngineImpl(registry, MediaLoad.annotation(SrtpEngineImpl.Config.class,
                Map.of("max_sessions", sessions, "roc_probe_range", 0, "roc_probe_packets", 0)));
    }

    /** The sink reads only the data folder from its bundle context. */
    private static BundleContext context(Path data) {
        return (BundleContext) Proxy.newProxyInstance(CallFootprint.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, a) -> {
                    if (method.getName().equals("getProperty")) {
                        return "siprec.data".equals(a[0]) ? data.toString() : null;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == a[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "context";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
