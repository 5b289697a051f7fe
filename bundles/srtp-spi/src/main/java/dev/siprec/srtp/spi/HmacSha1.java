package dev.siprec.srtp.spi;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) as the SRTP message authentication (RFC 3711 §4.2), allocation-free, in one
 * of two ways chosen once per JVM:
 * <ul>
 * <li>where {@link JdkKernels} reaches the JDK's SHA-1 compression (JVM option
 * {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}): the chaining states after the
 * inner and outer pad blocks ({@code K XOR ipad}, {@code K XOR opad}) are computed once per key, and
 * a tag costs the compressions of the message and of the outer block only (4 for a 172-byte SRTP
 * packet with its ROC, instead of 6), with the padding done here;</li>
 * <li>otherwise the pad blocks are fed to the JDK's SHA-1 {@code MessageDigest} per packet, the
 * inner pad and the message in one {@code update} where the message fits the scratch buffer (one
 * call into the multi-block intrinsic).</li>
 * </ul>
 * Both run on the JVM's SHA-1 intrinsic (SHA-NI where the CPU has it); the digests go into fields,
 * never into new arrays ({@code javax.crypto.Mac.doFinal()} allocates one per packet). Tags are
 * compared in constant time ({@link Bytes#constantTimeEquals}).
 *
 * <p>Per instance only the key's pads (or the states after them) are kept; the SHA-1 object and the
 * message buffers are the calling thread's ({@link Scratch}) and keep no pad between calls.
 *
 * <p>Not thread-safe: one instance per transform direction, used by one thread at a time.
 */
public final class HmacSha1 implements AutoCloseable {
    /** SHA-1 block length in bytes. */
    public static final int BLOCK = 64;
    /** SHA-1 digest length in bytes, the longest tag. */
    public static final int DIGEST = 20;

    /** Messages up to this length go through the scratch buffer with the inner pad (one digest update). */
    private static final int SCRATCH_MESSAGE = 320;
    private static final int[] SHA1_IV = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};

    private final byte[] out = new byte[DIGEST];
    /** Whether the chaining states after the pads are used ({@link JdkKernels#SHA1}). */
    private final boolean kernel;
    // MessageDigest route: the two pad blocks
    private final byte[] innerPad;
    private final byte[] outerPad;
    // kernel route: the chaining states after the pad blocks
    private final int[] innerState;
    private final int[] outerState;
    // the thread's work space (Scratch) as last fetched, and whose it is: fetched again on another thread
    private Thread owner;
    private MessageDigest sha1;
    private byte[] scratch;
    private Object kernelSha;
    private int[] kernelState;

    /** @param key the session authentication key (20 bytes in SRTP, at most 64); not kept, only its pads */
    public HmacSha1(byte[] key) {
        this(key, JdkKernels.SHA1);
    }

    /**
     * The SHA-1 object and the message buffers are the thread's ({@link Scratch}), shared by every
     * instance it runs; an instance holds its pads (128 bytes) or, on the kernel route, the two
     * 5-word states after them.
     */
    private HmacSha1(byte[] key, boolean useKernel) {
        kernel = useKernel;
        if (useKernel) {
            innerState = new int[5];
            outerState = new int[5];
            innerPad = null;
            outerPad = null;
        } else {
            innerPad = new byte[BLOCK];
            outerPad = new byte[BLOCK];
            innerState = null;
            outerState = null;
        }
        rekey(key);
    }

    /** The tag of {@code data} under {@code key} on the kernel route (the self-test of {@link JdkKernels}). */
    static void kernel(byte[] key, byte[] data, byte[] tag) {
        try (HmacSha1 mac = new HmacSha1(key, true)) {
            mac.sign(data, 0, data.length, false, 0, tag, 0, DIGEST);
        }
    }

    /**
     * Keys again (key derivation rate, RFC 3711 §4.3.1): recomputes both pads. Allocates nothing.
     *
     * @param key at most {@link #BLOCK} bytes
     */
    public void rekey(byte[] key) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("HMAC key longer than a SHA-1 block");
        }
        byte[] inner = kernel ? Scratch.hmac(2 * BLOCK) : innerPad;
        byte[] outerBlock = kernel ? inner : outerPad;
        int o = kernel ? BLOCK : 0;
        Arrays.fill(inner, 0, BLOCK, (byte) 0x36);
        Arrays.fill(outerBlock, o, o + BLOCK, (byte) 0x5c);
        for (int i = 0; i < key.length; i++) {
            inner[i] ^= key[i];
            outerBlock[o + i] ^= key[i];
        }
        if (kernel) {
            Object sha = Scratch.sha1Kernel();
            int[] st = JdkKernels.sha1State(sha);
            System.arraycopy(SHA1_IV, 0, st, 0, 5);
            JdkKernels.sha1Compress(sha, inner, 0, 1);
            System.arraycopy(st, 0, innerState, 0, 5);
            System.arraycopy(SHA1_IV, 0, st, 0, 5);
            JdkKernels.sha1Compress(sha, inner, BLOCK, 1);
            System.arraycopy(st, 0, outerState, 0, 5);
            // leave no trace of the pads in the thread's buffers: the JDK's schedule (where its Java
            // code ran) is overwritten by a zero block, the states and the pad copies are zeroed
            Arrays.fill(inner, 0, 2 * BLOCK, (byte) 0);
            JdkKernels.sha1Compress(sha, inner, 0, 1);
            Arrays.fill(st, 0);
        }
    }

    /**
     * Writes the first {@code tagLen} bytes of the tag over {@code data[0, len)} (followed by the
     * 4-byte big-endian {@code roc} when {@code withRoc}: the SRTP authenticated portion, RFC 3711
     * §4.2) to {@code data[len, len + tagLen)}.
     */
    public void sign(byte[] data, int len, boolean withRoc, long roc, int tagLen) {
        sign(data, 0, len, withRoc, roc, data, len, tagLen);
    }

    /**
     * Computes the tag over {@code data[off, off + len)} (plus the ROC when {@code withRoc}) and
     * writes its first {@code tagLen} bytes to {@code tag[tagOff, tagOff + tagLen)}.
     */
    public void sign(byte[] data, int off, int len, boolean withRoc, long roc, byte[] tag, int tagOff, int tagLen) {
        checkTag(tagLen);
        compute(data, off, len, withRoc, roc);
        System.arraycopy(out, 0, tag, tagOff, tagLen);
    }

    /** @return whether {@code data[len, len + tagLen)} is the tag of {@code data[0, len)} (plus ROC), in constant time */
    public boolean verify(byte[] data, int len, boolean withRoc, long roc, int tagLen) {
        return verify(data, 0, len, withRoc, roc, data, len, tagLen);
    }

    /** @return whether {@code tag[tagOff, tagOff + tagLen)} is the tag of {@code data[off, off + len)} (plus ROC), in constant time */
    public boolean verify(byte[] data, int off, int len, boolean withRoc, long roc, byte[] tag, int tagOff, int tagLen) {
        checkTag(tagLen);
        compute(data, off, len, withRoc, roc);
        return Bytes.constantTimeEquals(out, 0, tag, tagOff, tagLen);
    }

    private static void checkTag(int tagLen) {
        if (tagLen < 0 || tagLen > DIGEST) {
            throw new IllegalArgumentException("HMAC-SHA1 tag length must be 0..20, not " + tagLen);
        }
    }

    /** Fetches the calling thread's work space unless this instance holds it already. */
    private void own() {
        Thread t = Thread.currentThread();
        if (t == owner) {
            return;
        }
        if (kernel) {
            kernelSha = Scratch.sha1Kernel();
            kernelState = JdkKernels.sha1State(kernelSha);
            scratch = Scratch.hmac(2 * BLOCK);
        } else {
            sha1 = Scratch.sha1();
            scratch = Scratch.hmac(BLOCK + SCRATCH_MESSAGE + 4);
        }
        owner = t;
    }

    private void compute(byte[] data, int off, int len, boolean withRoc, long roc) {
        own();
        if (kernel) {
            computeWithKernel(data, off, len, withRoc, roc);
            return;
        }
        MessageDigest sha1 = this.sha1;
        try {
            sha1.reset();
            int n = len + (withRoc ? 4 : 0);
            if (len <= SCRATCH_MESSAGE) {
                byte[] scratch = this.scratch;
                System.arraycopy(innerPad, 0, scratch, 0, BLOCK);
                System.arraycopy(data, off, scratch, BLOCK, len);
                if (withRoc) {
                    Bytes.put32(scratch, BLOCK + len, roc);
                }
                sha1.update(scratch, 0, BLOCK + n);
                Arrays.fill(scratch, 0, BLOCK, (byte) 0); // the thread's buffer keeps no pad
            } else {
                sha1.update(innerPad);
                sha1.update(data, off, len);
                if (withRoc) {
                    Bytes.put32(out, 0, roc); // out is overwritten by the digest below
                    sha1.update(out, 0, 4);
                }
            }
            sha1.digest(out, 0, DIGEST);
            sha1.update(outerPad);
            sha1.update(out, 0, DIGEST);
            sha1.digest(out, 0, DIGEST);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 failed", e);
        }
    }

    /**
     * Inner hash from the state after the inner pad: the message's whole blocks straight from
     * {@code data}, the rest with the ROC and the padding (FIPS 180-4 §5.1.1; the length counts the
     * pad block) in the thread's tail buffer; then one outer block from the state after the outer pad.
     */
    private void computeWithKernel(byte[] data, int off, int len, boolean withRoc, long roc) {
        Object sha = kernelSha;
        byte[] tail = scratch;
        int[] st = kernelState;
        System.arraycopy(innerState, 0, st, 0, 5);
        int whole = len / BLOCK;
        if (whole > 0) {
            JdkKernels.sha1Compress(sha, data, off, whole);
        }
        int rest = len - whole * BLOCK;
        System.arraycopy(data, off + whole * BLOCK, tail, 0, rest);
        int t = rest;
        if (withRoc) {
            Bytes.put32(tail, t, roc);
            t += 4;
        }
        int blocks = t + 9 <= BLOCK ? 1 : 2;
        int end = blocks * BLOCK;
        tail[t] = (byte) 0x80;
        Arrays.fill(tail, t + 1, end - 8, (byte) 0);
        putLong(tail, end - 8, (BLOCK + (long) len + (withRoc ? 4 : 0)) * 8);
        JdkKernels.sha1Compress(sha, tail, 0, blocks);
        for (int i = 0; i < 5; i++) {
            Bytes.put32(tail, 4 * i, st[i] & 0xffffffffL);
        }
        tail[DIGEST] = (byte) 0x80;
        Arrays.fill(tail, DIGEST + 1, BLOCK - 8, (byte) 0);
        putLong(tail, BLOCK - 8, (BLOCK + DIGEST) * 8L);
        System.arraycopy(outerState, 0, st, 0, 5);
        JdkKernels.sha1Compress(sha, tail, 0, 1);
        for (int i = 0; i < 5; i++) {
            Bytes.put32(out, 4 * i, st[i] & 0xffffffffL);
        }
    }

    private static void putLong(byte[] b, int off, long v) {
        Bytes.put32(b, off, v >>> 32);
        Bytes.put32(b, off + 4, v & 0xffffffffL);
    }

    /** Wipes both pads (or the states after them) and the last tag. */
    @Override
    public void close() {
        owner = null;
        sha1 = null;
        scratch = null;
        kernelSha = null;
        kernelState = null;
        Arrays.fill(out, (byte) 0);
        if (kernel) {
            Arrays.fill(innerState, 0);
            Arrays.fill(outerState, 0);
        } else {
            Arrays.fill(innerPad, (byte) 0);
            Arrays.fill(outerPad, (byte) 0);
        }
    }

    /** @return whether the pads (or the states after them) are all zero, as after {@link #close()}; for tests */
    boolean wiped() {
        for (int i = 0; i < 5 && kernel; i++) {
            if (innerState[i] != 0 || outerState[i] != 0) {
                return false;
            }
        }
        for (int i = 0; i < BLOCK && !kernel; i++) {
            if (innerPad[i] != 0 || outerPad[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
