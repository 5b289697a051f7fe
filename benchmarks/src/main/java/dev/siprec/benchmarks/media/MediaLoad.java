package dev.siprec.benchmarks.media;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.MediaConfig;
import dev.siprec.media.internal.MediaEngine;
import dev.siprec.media.internal.MediaSettings;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
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
 * Load figure for media reception alone: {@code streams} PCMU streams (50 packets/s each) sent over
 * loopback in real time for {@code seconds} into one media engine; prints packets sent, received,
 * lost and the loss ratio; with {@code srtp}, packets are protected with AES_CM_128_HMAC_SHA1_80 by the
 * project's engine and unprotected by the receivers. Sender and receiver share the machine, so the
 * figure is a lower bound.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.siprec.benchmarks.media.MediaLoad 1000 10 [srtp]}
 */
public final class MediaLoad {
    private MediaLoad() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean srtp = args.length > 2 && "srtp".equals(args[2]);
        SrtpEngineImpl srtpEngine = srtpEngine(2 * streams + 10);
        MediaConfig config = config();
        long[] perStream = new long[streams];
        try (MediaEngine engine = new MediaEngine(MediaSettings.from(config), MediaClock.system(), () -> srtpEngine);
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            List<MediaReceiver> receivers = new ArrayList<>();
            List<InetSocketAddress> targets = new ArrayList<>();
            List<SrtpSession> protectors = new ArrayList<>();
            // the offer names the sender: since media latches only to the offered address, a stream
            // started without one refuses every packet and the run would measure nothing
            InetSocketAddress from = (InetSocketAddress) sender.getLocalAddress();
            for (int i = 0; i < streams; i++) {
                MediaReceiver r = engine.allocate("load", "s" + i, false);
                r.start(new StreamSettings("s" + i, List.of(new Codec(0, "PCMU", 8000, 1, null)), true, from,
                        srtp ? policy() : null, 20), sink(perStream, i));
                if (srtp) {
                    protectors.add(srtpEngine.newSession(policy()));
                }
                receivers.add(r);
                targets.add(new InetSocketAddress("127.0.0.1", r.local().rtpPort()));
            }
            byte[] packet = new byte[172 + 32];
            SrtpPacket view = new SrtpPacket(packet);
            ByteBuffer buf = ByteBuffer.wrap(packet);
            int ticks = seconds * 50;
            long sent = 0;
            long start = System.nanoTime();
            for (int t = 0; t < ticks; t++) {
                long ts = 160L * t;
                for (int s = 0; s < streams; s++) {
                    packet[0] = (byte) 0x80;
                    packet[1] = 0;
                    packet[2] = (byte) (t >> 8);
                    packet[3] = (byte) t;
                    packet[4] = (byte) (ts >>> 24);
                    packet[5] = (byte) (ts >>> 16);
                    packet[6] = (byte) (ts >>> 8);
                    packet[7] = (byte) ts;
                    packet[8] = (byte) (s >> 8);
                    packet[9] = (byte) s;
                    java.util.Arrays.fill(packet, 12, 172, (byte) 0xFF);
                    view.length(172);
                    if (srtp) {
                        protectors.get(s).protectRtp(view);
                    }
                    buf.clear().limit(view.length());
                    sender.send(buf, targets.get(s));
                    sent++;
                }
                LockSupport.parkNanos(start + (t + 1) * 20_000_000L - System.nanoTime());
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(500);
            long received = 0;
            long lost = 0;
            long authFailed = 0;
            long refused = 0;
            for (MediaReceiver r : receivers) {
                StreamStatistics st = r.statistics();
                received += st.received();
                lost += st.lost();
                authFailed += st.authFailed();
                refused += st.refusedSource();
                r.close();
            }
            long min = Long.MAX_VALUE;
            long max = 0;
            for (long n : perStream) {
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
            protectors.forEach(SrtpSession::close);
            System.out.printf("streams=%d %s seconds=%d sent=%d received=%d lost(seq gaps)=%d authFailed=%d refusedSource=%d"
                    + " loss=%.4f%% duration per stream min/max=%.3f/%.3f s (sent %d s of audio in %.2f s)%n", streams,
                    srtp ? SUITE : "RTP", seconds, sent, received, lost, authFailed, refused, 100.0 * (sent - received) / sent,
                    min / 8000.0, max / 8000.0, seconds, sendSeconds);
        }
    }

    private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";

    private static SrtpPolicy policy() {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 11 + 1);
        }
        return SrtpPolicy.of(SUITE, new SrtpMasterKey(key, salt));
    }

    private static SrtpEngineImpl srtpEngine(int sessions) {
        SuiteRegistry registry = new SuiteRegistry();
        SrtpCryptoSuite suite = new AesCm128HmacSha1_80();
        registry.add(suite, Map.of(SrtpCryptoSuite.SUITE, suite.name()), "load");
        return new SrtpEngineImpl(registry, annotation(SrtpEngineImpl.Config.class,
                Map.of("max_sessions", sessions, "roc_probe_range", 0, "roc_probe_packets", 0)));
    }

    private static MediaConfig config() {
        return annotation(MediaConfig.class, Map.of("rtp_port_min", 50000, "rtp_port_max", 59999,
                "bind_address", "127.0.0.1", "raw_directory", "", "socket_receive_buffer", 1 << 20));
    }

    /** A configuration annotation instance: the given values by method name, every other method at its default. */
    static <A extends Annotation> A annotation(Class<A> type, Map<String, Object> values) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : type.getName();
            }
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static RecordingSink.Session sink(long[] samples, int index) {
        return new RecordingSink.Session() {
            @Override
            public void audio(String key, long position, short[] pcm, int offset, int count) {
                samples[index] = position + count;
            }

            @Override
            public void streamAdded(MediaStream stream) {
            }

            @Override
            public void dtmf(String key, char digit, long position, int durationMillis) {
            }

            @Override
            public void metadata(int version, byte[] body, RecordingSession parsed) {
            }

            @Override
            public void updated(RecordingSession state) {
            }

            @Override
            public void end(EndReason reason) {
            }
        };
    }
}
