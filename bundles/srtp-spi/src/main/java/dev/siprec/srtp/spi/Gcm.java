package dev.siprec.srtp.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * AES-GCM (NIST SP 800-38D) with a 96-bit IV and a 128-bit tag, as RFC 7714 uses it, without
 * per-packet allocation: the counter mode runs on {@link AesCtr} (JCE {@code AES/ECB}, AES-NI), and
 * GHASH runs on the JDK's intrinsic where {@link JdkKernels} reaches it (PCLMULQDQ, keyed once,
 * no table here), otherwise it multiplies by H with a table of the 256 multiples {@code b * H}
 * (4 KiB per key) computed once per key: 16 independent look-ups per block and one reduction (see
 * {@link #multiply}). The JCE's {@code AES/GCM} needs a {@code Cipher.init} per packet, about 1 KB of garbage
 * each. Decryption checks the tag (constant time) before it decrypts, so a forged packet is left
 * untouched. One thread at a time.
 */
final class Gcm implements AutoCloseable {
    static final int TAG = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final AesCtr aes;
    /** {@code m[2b], m[2b + 1]}: the high and low word of {@code b * H}, b a byte in GCM bit order (4 KiB); null with the kernel. */
    private final long[] m;
    private JdkKernels.Ghash ghash;
    private final byte[] j0 = new byte[16];
    private final byte[] counter = new byte[16];
    private final byte[] mask = new byte[16];
    private final byte[] block = new byte[16];
    private long zh;
    private long zl;
    private int buffered;
    private long aadBytes;
    private long textBytes;

    /** @param key AES key, 16, 24 or 32 bytes; not kept */
    Gcm(byte[] key) {
        this(key, JdkKernels.GHASH);
    }

    /** @param kernel whether GHASH runs on the JDK's intrinsic ({@link JdkKernels#GHASH} must allow it) */
    Gcm(byte[] key, boolean kernel) {
        this(new AesCtr(key), kernel);
    }

    /** @param keyed a counter-mode cipher keyed with the GCM key, taken over (closed with this) */
    Gcm(AesCtr keyed, boolean kernel) {
        aes = keyed;
        m = kernel ? null : new long[512];
        tables();
    }

    /** Keys again (RFC 3711 §4.3.1 re-keying); allocates inside the JCE. */
    void rekey(byte[] key) {
        aes.rekey(key);
        tables();
    }

    private void tables() {
        Arrays.fill(block, (byte) 0);
        aes.keystream(block, counter, 0, 16);
        if (m == null) {
            if (ghash != null) {
                ghash.wipe();
            }
            ghash = new JdkKernels.Ghash(counter);
            Arrays.fill(counter, (byte) 0);
            return;
        }
        long vh = (long) LONGS.get(counter, 0);
        long vl = (long) LONGS.get(counter, 8);
        Arrays.fill(counter, (byte) 0);
        m[0] = 0;
        m[1] = 0;
        m[2 * 128] = vh;
        m[2 * 128 + 1] = vl;
        for (int i = 64; i > 0; i >>= 1) {
            long carry = vl & 1;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (carry != 0 ? 0xe1L << 56 : 0);
            m[2 * i] = vh;
            m[2 * i + 1] = vl;
        }
        for (int i = 2; i <= 128; i <<= 1) {
            for (int j = 1; j < i; j++) {
                m[2 * (i + j)] = m[2 * i] ^ m[2 * j];
                m[2 * (i + j) + 1] = m[2 * i + 1] ^ m[2 * j + 1];
            }
        }
    }

    /** Starts a message with the 12-byte {@code iv[0, 12)}: J0 = IV || 0^31 || 1, E(K, J0) kept for the tag. */
    void start(byte[] iv) {
        System.arraycopy(iv, 0, j0, 0, 12);
        j0[12] = 0;
        j0[13] = 0;
        j0[14] = 0;
        j0[15] = 1;
        System.arraycopy(j0, 0, counter, 0, 16);
        counter[15] = 2;
        zh = 0;
        zl = 0;
        if (ghash != null) {
            ghash.reset();
        }
        buffered = 0;
        aadBytes = 0;
        textBytes = 0;
    }

    /** Adds additional authenticated data; every call to this comes before {@link #encrypt} or {@link #verifyAndDecrypt}. */
    void aad(byte[] b, int off, int len) {
        aadBytes += len;
        hash(b, off, len);
    }

    /** Encrypts {@code b[off, off + len)} in place and writes the tag to {@code tag[tagOff, tagOff + 16)}. */
    void encrypt(byte[] b, int off, int len, byte[] tag, int tagOff) {
        pad();
        if (len <= aes.maxPrepared()) {
            aes.prepare(j0, mask, len);
            aes.xorPrepared(b, off, len);
        } else {
            aes.keystream(j0, mask, 0, 16);
            aes.apply(counter, b, off, len);
        }
        textBytes = len;
        hash(b, off, len);
        finish(tag, tagOff);
    }

    /**
     * Checks the tag at {@code tag[tagOff, tagOff + 16)} over the AAD and the cipher text
     * {@code b[off, off + len)} in constant time, and only then decrypts in place.
     *
     * @return whether the tag was right (the text is left encrypted when not)
     */
    boolean verifyAndDecrypt(byte[] b, int off, int len, byte[] tag, int tagOff) {
        pad();
        boolean prepared = len <= aes.maxPrepared();
        if (prepared) {
            aes.prepare(j0, mask, len);
        } else {
            aes.keystream(j0, mask, 0, 16);
        }
        textBytes = len;
        hash(b, off, len);
        finish(block, 0);
        if (!Bytes.constantTimeEquals(block, 0, tag, tagOff, TAG)) {
            return false;
        }
        if (prepared) {
            aes.xorPrepared(b, off, len);
        } else {
            aes.apply(counter, b, off, len);
        }
        return true;
    }

    private void finish(byte[] out, int off) {
        pad();
        if (ghash != null) {
            LONGS.set(block, 0, aadBytes << 3);
            LONGS.set(block, 8, textBytes << 3);
            ghash.blocks(block, 0, 16);
            long[] y = ghash.state();
            zh = y[0];
            zl = y[1];
        } else {
            zh ^= aadBytes << 3;
            zl ^= textBytes << 3;
            multiply();
        }
        LONGS.set(out, off, zh ^ (long) LONGS.get(mask, 0));
        LONGS.set(out, off + 8, zl ^ (long) LONGS.get(mask, 8));
    }

    /** GHASH over {@code b[off, off + len)}, whole blocks straight from the array, the rest buffered. */
    private void hash(byte[] b, int off, int len) {
        if (buffered > 0) {
            int n = Math.min(len, 16 - buffered);
            System.arraycopy(b, off, block, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered < 16) {
                return;
            }
            absorb(block, 0);
            buffered = 0;
        }
        int whole = len & -16;
        if (whole > 0) {
            if (ghash != null) {
                ghash.blocks(b, off, whole);
            } else {
                for (int i = 0; i < whole; i += 16) {
                    absorb(b, off + i);
                }
            }
            off += whole;
            len -= whole;
        }
        if (len > 0) {
            System.arraycopy(b, off, block, 0, len);
            buffered = len;
        }
    }

    /** Pads a partial block with zeros and absorbs it (end of the AAD or of the text). */
    private void pad() {
        if (buffered > 0) {
            Arrays.fill(block, buffered, 16, (byte) 0);
            absorb(block, 0);
            buffered = 0;
        }
    }

    private void absorb(byte[] b, int off) {
        if (ghash != null) {
            ghash.blocks(b, off, 16);
            return;
        }
        zh ^= (long) LONGS.get(b, off);
        zl ^= (long) LONGS.get(b, off + 8);
        multiply();
    }

    /**
     * Z = Z * H in GF(2^128), GCM bit order: the sum over the 16 bytes {@code B_j} of Z of
     * {@code (B_j * H) * x^(8j)}, each {@code B_j * H} looked up, shifted into a 256-bit accumulator
     * without reduction, and one reduction at the end (x^128 = x^7 + x^2 + x + 1; the accumulator
     * never reaches x^248, so one fold suffices). The 16 look-ups are independent, unlike Shoup's
     * byte-at-a-time Horner chain, so the CPU overlaps them. Unrolled so that every shift is a
     * constant.
     */
    private void multiply() {
        final long[] m = this.m;
        final long xh = zh;
        final long xl = zl;
        long a0 = 0;
        long a1 = 0;
        long a2 = 0;
        long a3 = 0;
        int i;
        long h;
        long l;
        i = ((int) (xh >>> 56) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h;
        a1 ^= l;
        i = ((int) (xh >>> 48) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 8;
        a1 ^= (h << 56) | (l >>> 8);
        a2 ^= l << 56;
        i = ((int) (xh >>> 40) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 16;
        a1 ^= (h << 48) | (l >>> 16);
        a2 ^= l << 48;
        i = ((int) (xh >>> 32) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 24;
        a1 ^= (h << 40) | (l >>> 24);
        a2 ^= l << 40;
        i = ((int) (xh >>> 24) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 32;
        a1 ^= (h << 32) | (l >>> 32);
        a2 ^= l << 32;
        i = ((int) (xh >>> 16) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 40;
        a1 ^= (h << 24) | (l >>> 40);
        a2 ^= l << 24;
        i = ((int) (xh >>> 8) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 48;
        a1 ^= (h << 16) | (l >>> 48);
        a2 ^= l << 16;
        i = ((int) xh & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a0 ^= h >>> 56;
        a1 ^= (h << 8) | (l >>> 56);
        a2 ^= l << 8;
        i = ((int) (xl >>> 56) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h;
        a2 ^= l;
        i = ((int) (xl >>> 48) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 8;
        a2 ^= (h << 56) | (l >>> 8);
        a3 ^= l << 56;
        i = ((int) (xl >>> 40) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 16;
        a2 ^= (h << 48) | (l >>> 16);
        a3 ^= l << 48;
        i = ((int) (xl >>> 32) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 24;
        a2 ^= (h << 40) | (l >>> 24);
        a3 ^= l << 40;
        i = ((int) (xl >>> 24) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 32;
        a2 ^= (h << 32) | (l >>> 32);
        a3 ^= l << 32;
        i = ((int) (xl >>> 16) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 40;
        a2 ^= (h << 24) | (l >>> 40);
        a3 ^= l << 24;
        i = ((int) (xl >>> 8) & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 48;
        a2 ^= (h << 16) | (l >>> 48);
        a3 ^= l << 16;
        i = ((int) xl & 0xff) << 1;
        h = m[i];
        l = m[i + 1];
        a1 ^= h >>> 56;
        a2 ^= (h << 8) | (l >>> 56);
        a3 ^= l << 8;
        // fold x^128..x^255 (a2:a3) back: times (1 + x + x^2 + x^7), x^k being a right shift by k
        a0 ^= a2 ^ (a2 >>> 1) ^ (a2 >>> 2) ^ (a2 >>> 7);
        a1 ^= a3 ^ (a3 >>> 1) ^ (a3 >>> 2) ^ (a3 >>> 7) ^ (a2 << 63) ^ (a2 << 62) ^ (a2 << 57);
        zh = a0;
        zl = a1;
    }

    @Override
    public void close() {
        if (m != null) {
            Arrays.fill(m, 0);
        }
        if (ghash != null) {
            ghash.wipe();
        }
        Arrays.fill(j0, (byte) 0);
        Arrays.fill(counter, (byte) 0);
        Arrays.fill(mask, (byte) 0);
        Arrays.fill(block, (byte) 0);
        zh = 0;
        zl = 0;
        aes.close();
    }
}
