package dev.siprec.srtp.spi;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Per-thread work space of the packet path, shared by every {@link AesCtr} and {@link HmacSha1} a
 * thread runs: the counter/keystream buffer, the HMAC message buffer and the SHA-1 object. A
 * recorder's few I/O threads serve thousands of streams, so per stream only keys and key schedules
 * remain. Between calls it holds no key material: the pads copied in are wiped at the end of each
 * tag, derived keys that pass through the keystream buffer are wiped by {@link AesCtr#keystream},
 * the JDK's SHA-1 clears its schedule at each digest, and the kernel route's chaining state is set
 * before each use. What a packet leaves behind is its own keystream and text.
 *
 * <p>It holds JDK types only ({@code Object[]}, {@code byte[]}, the JDK's digest objects), never a
 * class of this bundle, so a thread that outlives the bundle pins no class loader; the
 * {@code ThreadLocal} itself is a plain JDK one.
 */
final class Scratch {
    /** Slots of the per-thread array. */
    private static final int AES = 0;
    private static final int HMAC = 1;
    private static final int DIGEST = 2;
    private static final int KERNEL = 3;

    private static final ThreadLocal<Object[]> LOCAL = new ThreadLocal<>();

    private Scratch() {
    }

    private static Object[] slots() {
        Object[] w = LOCAL.get();
        if (w == null) {
            w = new Object[4];
            LOCAL.set(w);
        }
        return w;
    }

    /** @return this thread's counter/keystream buffer, at least {@code length} bytes */
    static byte[] aes(int length) {
        Object[] w = slots();
        byte[] b = (byte[]) w[AES];
        if (b == null || b.length < length) {
            b = new byte[length];
            w[AES] = b;
        }
        return b;
    }

    /** @return this thread's HMAC message buffer, at least {@code length} bytes */
    static byte[] hmac(int length) {
        Object[] w = slots();
        byte[] b = (byte[]) w[HMAC];
        if (b == null || b.length < length) {
            b = new byte[length];
            w[HMAC] = b;
        }
        return b;
    }

    /** @return this thread's SHA-1 {@code MessageDigest}, reset */
    static MessageDigest sha1() {
        Object[] w = slots();
        MessageDigest d = (MessageDigest) w[DIGEST];
        if (d == null) {
            try {
                d = MessageDigest.getInstance("SHA-1");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-1 is not available in this JVM", e);
            }
            w[DIGEST] = d;
        }
        return d;
    }

    /** @return this thread's JDK SHA-1 object for {@link JdkKernels#sha1Compress} */
    static Object sha1Kernel() {
        Object[] w = slots();
        Object d = w[KERNEL];
        if (d == null) {
            d = JdkKernels.newSha1();
            w[KERNEL] = d;
        }
        return d;
    }
}
