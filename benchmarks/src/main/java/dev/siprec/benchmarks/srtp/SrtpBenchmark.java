package dev.siprec.benchmarks.srtp;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPacket;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpStatus;
import dev.siprec.srtp.core.internal.SrtpEngineImpl;
import dev.siprec.srtp.core.internal.SuiteRegistry;
import dev.siprec.srtp.spi.AesCtr;
import dev.siprec.srtp.spi.HmacSha1;
import dev.siprec.srtp.suite.aescm.internal.Aes192CmHmacSha1_80;
import dev.siprec.srtp.suite.aescm.internal.Aes256CmHmacSha1_80;
import dev.siprec.srtp.suite.aescm.internal.AesCm128HmacSha1_32;
import dev.siprec.srtp.suite.aescm.internal.AesCm128HmacSha1_80;
import dev.siprec.srtp.suite.aesgcm.internal.AeadAes128Gcm;
import dev.siprec.srtp.suite.aesgcm.internal.AeadAes256Gcm;

/**
 * SRTP per packet, 172-byte RTP packets (12-byte header, 160-byte G.711 payload): the engine's
 * unprotect and protect per suite, replay list and ROC estimation included (the sequence runs
 * through 65535), against the primitive floor (JCE AES-CTR over 160 bytes plus HMAC-SHA1 over 176
 * bytes, nothing else). libsrtp's figure comes from {@link LibSrtpBaseline} (and, alternated window
 * by window, {@link InterleavedBaseline}). Run with {@code -prof gc} for bytes allocated per packet
 * ({@code gc.alloc.rate.norm}). The SPI's JDK kernels (preset-state HMAC, GHASH and ECB intrinsics)
 * are measured with {@code -jvmArgsAppend "--add-opens java.base/sun.security.provider=ALL-UNNAMED
 * --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED"}; without it the portable code runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpBenchmark {
    static final int PAYLOAD = 160;
    static final int RTP = 12 + PAYLOAD;
    /**
     * Distinct packets fed to unprotect before a fresh receiver starts over (an index is accepted
     * once): 4096, small enough to stay in cache like a live stream's packet buffer, starting at
     * SEQ 63488 so that every round crosses the 65535 wrap (ROC 0 to 1). Opening the new receiver
     * costs tens of microseconds, a few ns per packet amortised.
     */
    static final int PACKETS = 4096;
    static final int FIRST_SEQ = 65536 - PACKETS / 2;
    static final long SSRC = 0x12345678L;

    static SrtpEngineImpl engine() {
        return engine(100);
    }

    static SrtpEngineImpl engine(int maxSessions) {
        SuiteRegistry registry = new SuiteRegistry();
        for (SrtpCryptoSuite s : new SrtpCryptoSuite[] {new AesCm128HmacSha1_80(), new AesCm128HmacSha1_32(),
                new Aes192CmHmacSha1_80(), new Aes256CmHmacSha1_80(), new AeadAes128Gcm(), new AeadAes256Gcm()}) {
            registry.add(s, Map.of(SrtpCryptoSuite.SUITE, s.name()), "benchmark");
        }
        return new SrtpEngineImpl(registry, new SrtpEngineImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SrtpEngineImpl.Config.class;
            }

            @Override
            public int max_sessions() {
                return maxSessions;
            }

            @Override
            public int roc_probe_range() {
                return 16;
            }

            @Override
            public int roc_probe_packets() {
                return 4;
            }

            @Override
            public int roc_probe_rate() {
                return 10;
            }

            @Override
            public int streams_max() {
                return 8;
            }

            @Override
            public int streams_idle_timeout() {
                return 30;
            }
        });
    }

    static SrtpPolicy policy(SrtpCryptoSuite suite) {
        byte[] key = new byte[suite.masterKeyLength()];
        byte[] salt = new byte[suite.masterSaltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 13 + 5);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7 + 1);
        }
        return SrtpPolicy.of(suite.name(), new SrtpMasterKey(key, salt));
    }

    static void rtp(byte[] b, int seq) {
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        int ts = seq * 160;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (SSRC >>> 24);
        b[9] = (byte) (SSRC >>> 16);
        b[10] = (byte) (SSRC >>> 8);
        b[11] = (byte) SSRC;
    }

    @State(Scope.Thread)
    public static class Unprotect {
        @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80",
                "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
        String suite;

        SrtpEngineImpl engine;
        SrtpPolicy policy;
        byte[][] wire;
        SrtpSession rx;
        SrtpPacket packet = new SrtpPacket(new byte[256]);
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            engine = engine();
            policy = policy(registrySuite(suite));
            wire = new byte[PACKETS][];
            SrtpPacket p = new SrtpPacket(new byte[256]);
            try (SrtpSession tx = engine.newSession(policy)) {
                for (int i = 0; i < PACKETS; i++) {
                    rtp(p.buffer(), (FIRST_SEQ + i) & 0xffff);
                    for (int j = 12; j < RTP; j++) {
                        p.buffer()[j] = (byte) (i + j);
                    }
                    p.length(RTP);
                    if (tx.protectRtp(p) != SrtpStatus.OK) {
                        throw new IllegalStateException("protect failed at " + i);
                    }
                    wire[i] = java.util.Arrays.copyOf(p.buffer(), p.length());
                }
            }
            rx = engine.newSession(policy(registrySuite(suite)));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            rx.close();
        }

        byte[] nextPacket() {
            if (next == PACKETS) {
                rx.close();
                rx = engine.newSession(policy(registrySuite(suite)));
                next = 0;
            }
            return wire[next++];
        }
    }

    static SrtpCryptoSuite registrySuite(String name) {
        for (SrtpCryptoSuite s : new SrtpCryptoSuite[] {new AesCm128HmacSha1_80(), new AesCm128HmacSha1_32(),
                new Aes192CmHmacSha1_80(), new Aes256CmHmacSha1_80(), new AeadAes128Gcm(), new AeadAes256Gcm()}) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Benchmark
    public int unprotect(Unprotect s) {
        byte[] w = s.nextPacket();
        System.arraycopy(w, 0, s.packet.buffer(), 0, w.length);
        s.packet.length(w.length);
        if (s.rx.unprotectRtp(s.packet) != SrtpStatus.OK) {
            throw new IllegalStateException("unprotect failed");
        }
        return s.packet.length();
    }

    @State(Scope.Thread)
    public static class Protect {
        @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80",
                "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
        String suite;

        SrtpEngineImpl engine;
        SrtpPolicy policy;
        SrtpSession tx;
        SrtpPacket packet = new SrtpPacket(new byte[256]);
        long seq;

        @Setup(Level.Trial)
        public void setUp() {
            engine = engine();
            policy = policy(registrySuite(suite));
            tx = engine.newSession(policy);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            tx.close();
        }
    }

    @Benchmark
    public int protect(Protect s) {
        byte[] b = s.packet.buffer();
        rtp(b, (int) (s.seq++ & 0xffff));
        s.packet.length(RTP);
        if (s.tx.protectRtp(s.packet) != SrtpStatus.OK) {
            throw new IllegalStateException("protect failed");
        }
        return s.packet.length();
    }

    /**
     * Protect then unprotect the same packet, with a receiver that lives for the whole trial: no
     * packet set larger than the cache, no receiver re-opening, sequence numbers always rising (ROC
     * increments every 65,536 packets). Unprotect alone is about {@code roundTrip - protect}.
     */
    @State(Scope.Thread)
    public static class RoundTrip {
        @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
        String suite;

        SrtpEngineImpl engine;
        SrtpSession tx;
        SrtpSession rx;
        SrtpPacket packet = new SrtpPacket(new byte[256]);
        long seq;

        @Setup(Level.Trial)
        public void setUp() {
            engine = engine();
            SrtpPolicy policy = policy(registrySuite(suite));
            tx = engine.newSession(policy);
            rx = engine.newSession(policy(registrySuite(suite)));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            tx.close();
            rx.close();
        }
    }

    @Benchmark
    public int roundTrip(RoundTrip s) {
        byte[] b = s.packet.buffer();
        rtp(b, (int) (s.seq++ & 0xffff));
        s.packet.length(RTP);
        if (s.tx.protectRtp(s.packet) != SrtpStatus.OK || s.rx.unprotectRtp(s.packet) != SrtpStatus.OK) {
            throw new IllegalStateException("round trip failed at " + s.seq);
        }
        return s.packet.length();
    }

    /** The engine's own primitives: AES/ECB over counter blocks (no init per packet) and HMAC on SHA-1. */
    @State(Scope.Thread)
    public static class EnginePrimitives {
        AesCtr ctr = new AesCtr(new byte[16]);
        HmacSha1 mac = new HmacSha1(new byte[20]);
        byte[] iv = new byte[16];
        byte[] buf = new byte[RTP + 4 + 20];
        int n;
    }

    @Benchmark
    public byte[] enginePrimitives(EnginePrimitives p) {
        p.iv[13] = (byte) p.n++;
        p.ctr.apply(p.iv, p.buf, 12, PAYLOAD);
        p.mac.sign(p.buf, RTP, true, 0, 10);
        return p.buf;
    }

    /** The floor: what any AES-CM/HMAC-SHA1 SRTP implementation on the JCE must at least do. */
    @State(Scope.Thread)
    public static class Floor {
        Cipher ctr;
        SecretKeySpec key;
        Mac mac;
        byte[] iv = new byte[16];
        byte[] buf = new byte[RTP + 4 + 20];
        int n;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            key = new SecretKeySpec(new byte[16], "AES");
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
        }
    }

    @Benchmark
    public byte[] primitiveFloor(Floor f) throws Exception {
        f.iv[13] = (byte) f.n++;
        f.ctr.init(Cipher.DECRYPT_MODE, f.key, new IvParameterSpec(f.iv));
        f.ctr.doFinal(f.buf, 12, PAYLOAD, f.buf, 12);
        f.mac.update(f.buf, 0, RTP + 4);
        f.mac.doFinal(f.buf, RTP + 4);
        return f.buf;
    }
}
