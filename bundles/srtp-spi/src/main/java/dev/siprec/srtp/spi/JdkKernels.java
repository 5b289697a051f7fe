package dev.siprec.srtp.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Optional access to two compression kernels of the JDK that the JVM runs on dedicated instructions
 * but that the public API only offers wrapped in per-call work this SPI cannot afford:
 * <ul>
 * <li>the SHA-1 block compression of the SUN provider ({@code DigestBase.implCompressMultiBlock},
 * SHA-NI), started from any chaining state, so that HMAC starts from the states after
 * {@code K XOR ipad} and {@code K XOR opad} computed once per key (4 compressions for a 172-byte
 * SRTP packet instead of 6, RFC 2104 §4 "implementation note");</li>
 * <li>the GHASH of the SunJCE provider ({@code GHASH.update}, PCLMULQDQ), keyed once per key,
 * without the allocation of the JCE's {@code AES/GCM} cipher per packet;</li>
 * <li>SunJCE's AES in ECB mode ({@code ElectronicCodeBook.encrypt}, AES-NI), the counter-mode
 * keystream of {@link AesCtr} without the {@code Cipher}/{@code CipherCore} layers per call.</li>
 * </ul>
 * Both are reached through {@code MethodHandles.privateLookupIn}, which the JVM allows only when
 * started with {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} and
 * {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}. Each kernel is used only when
 * it is reachable and its results equal those of the public API on a self-test at class
 * initialisation (random keys, lengths around the block and padding boundaries, against
 * {@code Mac HmacSHA1}, {@code AES/GCM} and {@code AES/ECB});
 * otherwise (a JVM without the options, another JDK, a changed internal) the SPI keeps its
 * portable code. The JDK's own range checks stay on the path. Setting the system property
 * {@value #DISABLE} to {@code true} turns both off.
 */
final class JdkKernels {
    /** System property that keeps the portable code even where the kernels are reachable. */
    static final String DISABLE = "dev.siprec.srtp.jdkKernels.disable";

    private static final MethodHandle SHA_NEW;
    private static final VarHandle SHA_STATE;
    private static final MethodHandle SHA_COMPRESS;
    private static final MethodHandle GHASH_NEW;
    private static final VarHandle GHASH_STATE;
    private static final VarHandle GHASH_TABLE;
    private static final MethodHandle ECB_NEW;
    private static final MethodHandle ECB_INIT;
    private static final MethodHandle ECB_ENCRYPT;
    private static final MethodHandle GHASH_UPDATE;
    /** Whether {@link #newSha1()} and the SHA-1 compressions may be used. */
    static final boolean SHA1;
    /** Whether {@link Ghash} may be created. */
    static final boolean GHASH;
    /** Whether {@link Ecb} may be created. */
    static final boolean ECB;

    static {
        MethodHandle shaNew = null;
        VarHandle shaState = null;
        MethodHandle shaCompress = null;
        MethodHandle ghashNew = null;
        VarHandle ghashState = null;
        VarHandle ghashTable = null;
        MethodHandle ghashUpdate = null;
        MethodHandle ecbNew = null;
        MethodHandle ecbInit = null;
        MethodHandle ecbEncrypt = null;
        boolean off = Boolean.getBoolean(DISABLE);
        if (!off) {
            try {
                Provider sun = Security.getProvider("SUN");
                Class<?> sha = sun.getService("MessageDigest", "SHA-1").newInstance(null).getClass();
                Class<?> base = sha.getSuperclass();
                MethodHandles.Lookup ls = MethodHandles.privateLookupIn(sha, MethodHandles.lookup());
                MethodHandles.Lookup lb = MethodHandles.privateLookupIn(base, MethodHandles.lookup());
                shaNew = ls.findConstructor(sha, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class));
                shaState = ls.findVarHandle(sha, "state", int[].class);
                shaCompress = lb.findVirtual(base, "implCompressMultiBlock",
                        MethodType.methodType(int.class, byte[].class, int.class, int.class))
                        .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
            } catch (GeneralSecurityException | ReflectiveOperationException | RuntimeException | LinkageError e) {
                shaNew = null;
            }
            try {
                Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH", false, null);
                MethodHandles.Lookup lg = MethodHandles.privateLookupIn(ghash, MethodHandles.lookup());
                ghashNew = lg.findConstructor(ghash, MethodType.methodType(void.class, byte[].class))
                        .asType(MethodType.methodType(Object.class, byte[].class));
                ghashState = lg.findVarHandle(ghash, "state", long[].class);
                ghashTable = lg.findVarHandle(ghash, "subkeyHtbl", long[].class);
                ghashUpdate = lg.findVirtual(ghash, "update",
                        MethodType.methodType(int.class, byte[].class, int.class, int.class))
                        .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                ghashNew = null;
            }
            try {
                Class<?> aes = Class.forName("com.sun.crypto.provider.AESCrypt", false, null);
                Class<?> symmetric = aes.getSuperclass();
                Class<?> ecb = Class.forName("com.sun.crypto.provider.ElectronicCodeBook", false, null);
                MethodHandles.Lookup la = MethodHandles.privateLookupIn(aes, MethodHandles.lookup());
                MethodHandles.Lookup le = MethodHandles.privateLookupIn(ecb, MethodHandles.lookup());
                MethodHandle newAes = la.findConstructor(aes, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(symmetric));
                ecbNew = MethodHandles.filterReturnValue(newAes,
                        le.findConstructor(ecb, MethodType.methodType(void.class, symmetric)))
                        .asType(MethodType.methodType(Object.class));
                ecbInit = le.findVirtual(ecb, "init",
                        MethodType.methodType(void.class, boolean.class, String.class, byte[].class, byte[].class))
                        .asType(MethodType.methodType(void.class, Object.class, boolean.class, String.class,
                                byte[].class, byte[].class));
                ecbEncrypt = le.findVirtual(ecb, "encrypt",
                        MethodType.methodType(int.class, byte[].class, int.class, int.class, byte[].class, int.class))
                        .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class,
                                byte[].class, int.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                ecbNew = null;
            }
        }
        SHA_NEW = shaNew;
        SHA_STATE = shaState;
        SHA_COMPRESS = shaCompress;
        GHASH_NEW = ghashNew;
        GHASH_STATE = ghashState;
        GHASH_TABLE = ghashTable;
        ECB_NEW = ecbNew;
        ECB_INIT = ecbInit;
        ECB_ENCRYPT = ecbEncrypt;
        GHASH_UPDATE = ghashUpdate;
        SHA1 = shaNew != null && sha1SelfTest();
        ECB = ecbNew != null && ecbSelfTest();
        GHASH = ghashNew != null && ghashSelfTest();
    }

    private JdkKernels() {
    }

    /** @return which kernels are in use, for logs and benchmark reports */
    static String describe() {
        return "SHA-1 compression " + (SHA1 ? "JDK intrinsic from preset states" : "MessageDigest")
                + ", GHASH " + (GHASH ? "JDK intrinsic" : "portable tables")
                + ", AES keystream " + (ECB ? "JDK ECB kernel" : "Cipher AES/ECB");
    }

    /**
     * @return for operators, the primitives a suite built on them runs: each on the JDK's kernel, or on
     *         portable code with the reason, and what would bring the kernels back
     */
    static String describe(boolean aes, boolean sha1, boolean ghash) {
        StringBuilder b = new StringBuilder();
        boolean portable = false;
        if (aes) {
            b.append("AES on ").append(ECB ? "the JDK's AES kernel" : "javax.crypto AES/ECB (portable)");
            portable |= !ECB;
        }
        if (sha1) {
            b.append(b.length() == 0 ? "" : ", ").append("HMAC-SHA1 on ")
                    .append(SHA1 ? "the JDK's SHA-1 kernel from precomputed pad states" : "MessageDigest SHA-1 (portable)");
            portable |= !SHA1;
        }
        if (ghash) {
            b.append(b.length() == 0 ? "" : ", ").append("GHASH on ")
                    .append(GHASH ? "the JDK's GHASH kernel" : "portable 4-bit tables");
            portable |= !GHASH;
        }
        if (portable) {
            b.append(" - ").append(whyPortable());
        }
        return b.toString();
    }

    private static String whyPortable() {
        if (Boolean.getBoolean(DISABLE)) {
            return "kernels turned off by -D" + DISABLE + "=true";
        }
        if (SHA_NEW == null || ECB_NEW == null || GHASH_NEW == null) {
            return "kernels not reachable: start the JVM with --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED"
                    + " --add-opens java.base/sun.security.provider=ALL-UNNAMED (bin/siprec does)";
        }
        return "a kernel failed its self-test against the public API on this JDK";
    }

    /*
     * SHA-1 compressions (FIPS 180-4 §6.1.2) on the SUN provider's intrinsic, from a chaining state
     * the caller sets, on a JDK SHA-1 object that one thread uses at a time.
     */

    /**
     * @return a new JDK SHA-1 object (a JDK type only, so a thread may keep it in a thread-local
     *         without pinning this bundle's class loader); the kernel must be available
     */
    static Object newSha1() {
        try {
            return (Object) SHA_NEW.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("SHA-1 kernel unavailable", e);
        }
    }

    /** @return the live chaining state (5 words) of {@code digest} */
    static int[] sha1State(Object digest) {
        return (int[]) SHA_STATE.get(digest);
    }

    /** Compresses the {@code blocks} 64-byte blocks at {@code b[off..]} into the state of {@code digest}; {@code blocks >= 1}. */
    static void sha1Compress(Object digest, byte[] b, int off, int blocks) {
        if (blocks < 1 || off < 0 || off > b.length - blocks * 64) {
            throw new ArrayIndexOutOfBoundsException("SHA-1 blocks out of range");
        }
        try {
            int end = (int) SHA_COMPRESS.invokeExact(digest, b, off, off + (blocks - 1) * 64);
            assert end == off + blocks * 64;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** GHASH (NIST SP 800-38D §6.4) on the SunJCE provider's intrinsic, keyed once. One thread at a time. */
    static final class Ghash {
        private final Object ghash;
        private final long[] state;

        /** @param h the hash subkey E(K, 0^128), 16 bytes; copied by the JDK */
        Ghash(byte[] h) {
            try {
                ghash = (Object) GHASH_NEW.invokeExact(h);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("GHASH kernel unavailable", e);
            }
            state = (long[]) GHASH_STATE.get(ghash);
        }

        /** @return the live state Y (two big-endian words): zero it to start, read it at the end */
        long[] state() {
            return state;
        }

        /** Absorbs {@code b[off, off + len)}, {@code len} a multiple of 16. */
        void blocks(byte[] b, int off, int len) {
            try {
                int done = (int) GHASH_UPDATE.invokeExact(ghash, b, off, len);
                assert done == len;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** Zeroes the state (a new message). */
        void reset() {
            state[0] = 0;
            state[1] = 0;
        }

        /** Zeroes the state and the JDK's copy of the hash subkey and of its powers. */
        void wipe() {
            reset();
            Arrays.fill((long[]) GHASH_TABLE.get(ghash), 0);
        }
    }

    /** AES-ECB encryption (FIPS 197) of SunJCE without the {@code Cipher} layers. One thread at a time. */
    static final class Ecb {
        private final Object ecb;

        Ecb() {
            try {
                ecb = (Object) ECB_NEW.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("AES kernel unavailable", e);
            }
        }

        /** Keys the cipher (16, 24 or 32 bytes; the JDK keeps its expanded schedule). */
        void init(byte[] key) {
            try {
                ECB_INIT.invokeExact(ecb, false, "AES", key, (byte[]) null);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalArgumentException("AES key rejected", e);
            }
        }

        /** Encrypts {@code len} bytes (a multiple of 16) from {@code in[inOff..]} to {@code out[outOff..]}. */
        void encrypt(byte[] in, int inOff, int len, byte[] out, int outOff) {
            try {
                int done = (int) ECB_ENCRYPT.invokeExact(ecb, in, inOff, len, out, outOff);
                assert done == len;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean ecbSelfTest() {
        try {
            Random random = new Random(197);
            for (int round = 0; round < 6; round++) {
                byte[] key = new byte[new int[] {16, 24, 32}[round % 3]];
                random.nextBytes(key);
                byte[] data = new byte[16 * (1 + 7 * round)];
                random.nextBytes(data);
                Cipher jce = Cipher.getInstance("AES/ECB/NoPadding");
                jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
                byte[] expected = jce.doFinal(data);
                Ecb ecb = new Ecb();
                ecb.init(key);
                byte[] got = new byte[data.length];
                ecb.encrypt(data, 0, data.length, got, 0);
                if (!MessageDigest.isEqual(expected, got)) {
                    return false;
                }
            }
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static boolean sha1SelfTest() {
        try {
            Random random = new Random(2104);
            for (int len : new int[] {0, 55, 56, 64, 119, 176, 300}) {
                byte[] key = new byte[20];
                random.nextBytes(key);
                byte[] data = new byte[len];
                random.nextBytes(data);
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(key, "HmacSHA1"));
                byte[] expected = mac.doFinal(data);
                byte[] got = new byte[20];
                HmacSha1.kernel(key, data, got);
                if (!MessageDigest.isEqual(expected, got)) {
                    return false;
                }
            }
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static boolean ghashSelfTest() {
        try {
            Random random = new Random(7714);
            for (int round = 0; round < 6; round++) {
                byte[] key = new byte[round % 2 == 0 ? 16 : 32];
                byte[] iv = new byte[12];
                random.nextBytes(key);
                random.nextBytes(iv);
                byte[] aad = new byte[new int[] {0, 12, 16, 20, 8, 44}[round]];
                byte[] text = new byte[new int[] {0, 160, 1, 33, 300, 16}[round]];
                random.nextBytes(aad);
                random.nextBytes(text);
                Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
                jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                jce.updateAAD(aad);
                byte[] expected = jce.doFinal(text);
                byte[] got = Arrays.copyOf(text, text.length + 16);
                try (Gcm gcm = new Gcm(key, true)) {
                    gcm.start(iv);
                    gcm.aad(aad, 0, aad.length);
                    gcm.encrypt(got, 0, text.length, got, text.length);
                }
                if (!MessageDigest.isEqual(expected, got)) {
                    return false;
                }
            }
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
