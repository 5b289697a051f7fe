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

    /**
     * Idle {@code AES/ECB} ciphers, keyed with zeros, of closed instances: {@code Cipher.getInstance}
     * allocates about 3.8 KB (provider look-up), {@code init} about 1.4 KB, and a recorder opens and
     * closes sessions all day. Bounded; used only on the portable route.
     */
    private static final Cipher[] POOL = new Cipher[64];
    private static int pooled;

    /** Null once closed (its cipher may then serve another instance). */
    private Cipher ecb;
    private final JdkKernels.Ecb kernel;
    private boolean closed;
    private final int chunk;
    /**
     * The thread's buffer ({@link Scratch}) of the last call: counter blocks in {@code [0, half)},
     * their keystream in {@code [half, 2 * half)}. Shared by every instance the thread runs, so a
     * key costs its schedule only; kept here from {@link #prepare} to {@link #xorPrepared}.
     */
    private byte[] buf;
    private int half;
    /** The thread {@link #buf} belongs to: another thread fetches its own (no thread-local look-up per packet otherwise). */
    private Thread owner;

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
            ecb = take();
        }
        rekey(key);
    }

    private static Cipher take() {
        synchronized (POOL) {
            if (pooled > 0) {
                Cipher c = POOL[--pooled];
                POOL[pooled] = null;
                return c;
            }
        }
        try {
            return Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available in this JVM", e);
        }
    }

    private static void giveBack(Cipher c) {
        synchronized (POOL) {
            if (pooled < POOL.length) {
                POOL[pooled++] = c;
            }
        }
    }

    /** Keys the cipher again (key derivation rate, RFC 3711 §4.3.1); allocates inside the JCE. */
    public void rekey(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes, not " + key.length);
        }
        checkOpen();
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

    /** @return the thread's buffer, with room for {@code n <= chunk} bytes of counter blocks and as many of keystream */
    private byte[] room(int n) {
        Thread t = Thread.currentThread();
        if (t != owner) {
            byte[] b = Scratch.aes(2 * chunk);
            buf = b;
            half = b.length >>> 1;
            owner = t;
        }
        return buf;
    }

    /**
     * {@code buf[half, half + n) = AES-ECB(buf[0, n))}, then the counter blocks are zeroed: they hold
     * the IV, i.e. the session salt XOR public values, which the thread's buffer must not keep.
     */
    private void encrypt(int n) {
        checkOpen();
        if (kernel != null) {
            kernel.encrypt(buf, 0, n, buf, half);
        } else {
            try {
                ecb.update(buf, 0, n, buf, half);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB failed", e);
            }
        }
        Arrays.fill(buf, 0, n, (byte) 0);
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
        // keystream asked for as such is key material (derived session keys, GCM's hash subkey):
        // none of it stays in the thread's buffer
        if (len > 0) {
            Arrays.fill(buf, half, half + Math.min(chunk, roundUp(len)), (byte) 0);
        }
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

    /**
     * Drops the key schedule by keying with zeros (the portable route's cipher then joins the pool
     * for the next instance); every use after this throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (kernel != null) {
            kernel.init(new byte[16]);
            return;
        }
        Cipher c = ecb;
        ecb = null;
        owner = null;
        buf = null;
        try {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
            giveBack(c); // keyed with zeros: nothing of this key goes with it
        } catch (GeneralSecurityException e) {
            // nothing left to protect: the cipher is unusable either way, and not pooled
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("AES-CTR closed");
        }
    }
}
