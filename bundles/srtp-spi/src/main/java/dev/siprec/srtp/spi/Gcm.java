package dev.siprec.srtp.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * AES-GCM (NIST SP 800-38D) with a 96-bit IV and a 128-bit tag, as RFC 7714 uses it, without
 * per-packet allocation: the counter mode runs on {@link AesCtr} (JCE {@code AES/ECB}, AES-NI), and
 * GHASH multiplies by H with Shoup's 8-bit tables (256 multiples of H, 4 KiB per key) computed once
 * per key. The JCE's {@code AES/GCM} needs a {@code Cipher.init} per packet, about 1 KB of garbage
 * each. Decryption checks the tag (constant time) before it decrypts, so a forged packet is left
 * untouched. One thread at a time.
 */
final class Gcm implements AutoCloseable {
    static final int TAG = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** {@code R8[r]}: what a right shift by 8 bits drops as {@code r} contributes to the high word, reduced. */
    private static final long[] R8 = reductionTable();

    private final AesCtr aes;
    private final long[] mh = new long[256];
    private final long[] ml = new long[256];
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
        aes = new AesCtr(key);
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
        long vh = (long) LONGS.get(counter, 0);
        long vl = (long) LONGS.get(counter, 8);
        Arrays.fill(counter, (byte) 0);
        mh[0] = 0;
        ml[0] = 0;
        mh[128] = vh;
        ml[128] = vl;
        for (int i = 64; i > 0; i >>= 1) {
            long carry = vl & 1;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (carry != 0 ? 0xe1L << 56 : 0);
            mh[i] = vh;
            ml[i] = vl;
        }
        for (int i = 2; i <= 128; i <<= 1) {
            for (int j = 1; j < i; j++) {
                mh[i + j] = mh[i] ^ mh[j];
                ml[i + j] = ml[i] ^ ml[j];
            }
        }
    }

    private static long[] reductionTable() {
        long[] r = new long[256];
        for (int rem = 0; rem < 256; rem++) {
            long h = 0;
            long l = rem;
            for (int i = 0; i < 8; i++) {
                long carry = l & 1;
                l = (h << 63) | (l >>> 1);
                h = (h >>> 1) ^ (carry != 0 ? 0xe1L << 56 : 0);
            }
            r[rem] = h;
        }
        return r;
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
        zh ^= aadBytes << 3;
        zl ^= textBytes << 3;
        multiply();
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
        while (len >= 16) {
            absorb(b, off);
            off += 16;
            len -= 16;
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
        zh ^= (long) LONGS.get(b, off);
        zl ^= (long) LONGS.get(b, off + 8);
        multiply();
    }

    /** Z = Z * H in GF(2^128), GCM bit order, bytes 15 down to 0 (Horner with x^8 steps). */
    private void multiply() {
        long xh = zh;
        long xl = zl;
        int b = (int) xl & 0xff;
        long h = mh[b];
        long l = ml[b];
        for (int s = 8; s < 64; s += 8) {
            b = (int) (xl >>> s) & 0xff;
            int rem = (int) l & 0xff;
            l = (h << 56) | (l >>> 8);
            h = (h >>> 8) ^ R8[rem] ^ mh[b];
            l ^= ml[b];
        }
        for (int s = 0; s < 64; s += 8) {
            b = (int) (xh >>> s) & 0xff;
            int rem = (int) l & 0xff;
            l = (h << 56) | (l >>> 8);
            h = (h >>> 8) ^ R8[rem] ^ mh[b];
            l ^= ml[b];
        }
        zh = h;
        zl = l;
    }

    @Override
    public void close() {
        Arrays.fill(mh, 0);
        Arrays.fill(ml, 0);
        Arrays.fill(j0, (byte) 0);
        Arrays.fill(counter, (byte) 0);
        Arrays.fill(mask, (byte) 0);
        Arrays.fill(block, (byte) 0);
        zh = 0;
        zl = 0;
        aes.close();
    }
}
