package dev.siprec.srtp.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3711 §4.1.1, NIST SP 800-38A) built on a JCE {@code AES/ECB/NoPadding}
 * cipher over a buffer of counter blocks: keyed once, the cipher needs no {@code init} per packet,
 * so generating keystream allocates nothing. Where {@link JdkKernels} reaches SunJCE's ECB mode
 * directly, that replaces the {@code Cipher}. One thread at a time.
 */
public final class AesCtr implements AutoCloseable {
    static final int BLOCK = 16;
    /** Counter blocks encrypted per JCE call by default: 32 blocks cover a 512-byte payload in one call. */
    public static final int DEFAULT_BLOCKS = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Cipher ecb;
    private final JdkKernels.Ecb kernel;
    private final int chunk;
    /**
     * Counter blocks in {@code [0, half)}, their keystream in {@code [half, 2 * half)}: one array sized
     * to the longest run of blocks asked for so far (at most {@code chunk}), so a stream of 160-byte
     * payloads holds 2 × 176 bytes, not 2 × {@code chunk}. It grows on the first longer packet only.
     */
    private byte[] buf = EMPTY;
    private int half;
    private static final byte[] EMPTY = new byte[0];

    /** @param key AES key, 16, 24 or 32 bytes; not kept */
    public AesCtr(byte[] key) {
        this(key, DEFAULT_BLOCKS);
    }

    /**
     * @param key AES key, 16, 24 or 32 bytes; not kept
     * @param blocks counter blocks per JCE call at most (the buffer, made on first use, is twice the
     *        blocks a call needs, up to twice {@code 16 * blocks} bytes)
     */
    public AesCtr(byte[] key, int blocks) {
        if (blocks < 2 || blocks > 256) {
            throw new IllegalArgumentException("blocks per call must be 2..256: " + blocks);
        }
        chunk = blocks * BLOCK;
        if (JdkKernels.ECB) {
            kernel = new JdkKernels.Ecb();
            ecb = null;
        } else {
            kernel = null;
            try {
                ecb = Cipher.getInstance("AES/ECB/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB/NoPadding is not available in this JVM", e);
            }
        }
        rekey(key);
    }

    /** Keys the cipher again (key derivation rate, RFC 3711 §4.3.1); allocates inside the JCE. */
    public void rekey(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes, not " + key.length);
        }
        if (kernel != null) {
            kernel.init(key);
            return;
        }
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key rejected by the JCE", e);
        }
    }

    /**
     * XORs {@code len} bytes of keystream into {@code data[off, off+len)}: block {@code j} of the
     * keystream is AES(iv + j), the addition modulo 2^128.
     */
    public void apply(byte[] iv, byte[] data, int off, int len) {
        long block = 0;
        int done = 0;
        while (done < len) {
            int n = Math.min(chunk, roundUp(len - done));
            byte[] b = room(n);
            for (int i = 0; i < n; i += BLOCK) {
                counterBlock(iv, block++, b, i);
            }
            encrypt(n);
            int m = Math.min(n, len - done);
            xor(data, off + done, m, 0);
            done += m;
        }
    }

    /** @return the longest {@code len} that {@link #prepare} takes */
    int maxPrepared() {
        return chunk - BLOCK;
    }

    /**
     * Generates, in one cipher call, keystream block 0 = AES(iv) into {@code first[0, 16)} and
     * {@code len} more bytes (AES(iv + 1), ...) kept for {@link #xorPrepared}; AES-GCM uses block 0
     * for the tag and the rest for the text, so a packet costs one JCE call.
     *
     * @param len at most {@link #maxPrepared()}
     */
    void prepare(byte[] iv, byte[] first, int len) {
        int n = roundUp(len + BLOCK);
        byte[] b = room(n);
        for (int i = 0, j = 0; i < n; i += BLOCK) {
            counterBlock(iv, j++, b, i);
        }
        encrypt(n);
        System.arraycopy(b, half, first, 0, BLOCK);
    }

    /**
     * @return the buffer, with room for {@code n} bytes of counter blocks and as many of keystream;
     *         a longer buffer replaces the old one (wiped) only when {@code n} exceeds it
     */
    private byte[] room(int n) {
        if (n > half) {
            int h = Math.min(chunk, Math.max(n, 2 * BLOCK));
            byte[] grown = new byte[2 * h];
            Arrays.fill(buf, (byte) 0);
            buf = grown;
            half = h;
        }
        return buf;
    }

    /** {@code buf[half, half + n) = AES-ECB(buf[0, n))}. */
    private void encrypt(int n) {
        if (kernel != null) {
            kernel.encrypt(buf, 0, n, buf, half);
            return;
        }
        try {
            ecb.update(buf, 0, n, buf, half);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB failed", e);
        }
    }

    /** XORs the keystream kept by {@link #prepare} into {@code data[off, off + len)}. */
    void xorPrepared(byte[] data, int off, int len) {
        xor(data, off, len, BLOCK);
    }

    /** {@code data[base, base+m) ^= keystream[from, from+m)}, eight bytes at a time. */
    private void xor(byte[] data, int base, int m, int from) {
        byte[] stream = buf;
        from += half;
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            LONGS.set(data, base + i, (long) LONGS.get(data, base + i) ^ (long) LONGS.get(stream, from + i));
        }
        for (; i < m; i++) {
            data[base + i] ^= stream[from + i];
        }
    }

    /** Writes {@code len} bytes of keystream (not XORed) to {@code out[off..]}. */
    public void keystream(byte[] iv, byte[] out, int off, int len) {
        Arrays.fill(out, off, off + len, (byte) 0);
        apply(iv, out, off, len);
    }

    private static int roundUp(int n) {
        return (n + BLOCK - 1) & -BLOCK;
    }

    /** {@code out[at..at+16) = iv + j mod 2^128}, as two big-endian words. */
    private static void counterBlock(byte[] iv, long j, byte[] out, int at) {
        long hi = (long) WORDS.get(iv, 0);
        long lo = (long) WORDS.get(iv, 8);
        long sum = lo + j;
        if (Long.compareUnsigned(sum, lo) < 0) {
            hi++;
        }
        WORDS.set(out, at, hi);
        WORDS.set(out, at + 8, sum);
    }

    /** Drops the key schedule by keying with zeros and clears the buffers. */
    @Override
    public void close() {
        Arrays.fill(buf, (byte) 0);
        if (kernel != null) {
            kernel.init(new byte[16]);
            return;
        }
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
        } catch (GeneralSecurityException e) {
            // nothing left to protect: the cipher is unusable either way
        }
    }
}
