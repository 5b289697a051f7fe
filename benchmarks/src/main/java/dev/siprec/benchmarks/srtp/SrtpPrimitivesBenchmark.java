package dev.siprec.benchmarks.srtp;

import java.security.MessageDigest;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.siprec.srtp.spi.AesCtr;
import dev.siprec.srtp.spi.HmacSha1;

/**
 * Which JCE route is fastest for SRTP's two primitives on 172-byte packets: AES counter mode as
 * {@code AES/CTR} re-initialised per packet (allocates) versus {@code AES/ECB} over counter blocks
 * (the engine's {@code AesCtr}, no init); HMAC-SHA1 as {@code javax.crypto.Mac} versus the
 * engine's {@code HmacSha1} on {@code MessageDigest}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SrtpPrimitivesBenchmark {
    private final byte[] buf = new byte[172 + 4 + 20];
    private final byte[] iv = new byte[16];
    private Cipher ctr;
    private SecretKeySpec key;
    private AesCtr ecb;
    private Mac mac;
    private HmacSha1 hmac;
    private MessageDigest sha1;
    private int n;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
        key = new SecretKeySpec(new byte[16], "AES");
        ecb = new AesCtr(new byte[16]);
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
        hmac = new HmacSha1(new byte[20]);
        sha1 = MessageDigest.getInstance("SHA-1");
    }

    @Benchmark
    public byte[] keystreamCtrInitPerPacket() throws Exception {
        iv[13] = (byte) n++;
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        ctr.doFinal(buf, 12, 160, buf, 12);
        return buf;
    }

    @Benchmark
    public byte[] keystreamEcbCounterBlocks() {
        iv[13] = (byte) n++;
        ecb.apply(iv, buf, 12, 160);
        return buf;
    }

    @Benchmark
    public byte[] hmacJceMac() throws Exception {
        mac.update(buf, 0, 176);
        mac.doFinal(buf, 176);
        return buf;
    }

    @Benchmark
    public byte[] hmacOnMessageDigest() {
        hmac.sign(buf, 176, false, 0, 20);
        return buf;
    }

    @Benchmark
    public byte[] sha1Only() throws Exception {
        sha1.update(buf, 0, 176);
        sha1.digest(buf, 176, 20);
        return buf;
    }
}
