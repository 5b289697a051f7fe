package dev.siprec.srtp.spi;

import java.util.Arrays;

/**
 * The SRTP key derivation function (RFC 3711 §4.3): the AES-CM PRF keyed with the master key
 * (AES-128, or AES-192/256 per RFC 6188 §3), input {@code x = (label || r) XOR master_salt} times
 * 2^16. A 12-byte AEAD master salt is padded on the right with 16 zero bits to the 112 bits the PRF
 * expects (RFC 7714 §11, verified erratum 4938), so the same class does the RFC 7714 derivation
 * (session key with label 0/3, 96-bit session salt with label 2/5, no authentication key).
 *
 * <p>{@code r} is the packet index DIV the key derivation rate: the 48-bit SRTP index
 * {@code ROC || SEQ}, or for SRTCP the 31-bit SRTCP index (see the package documentation for where
 * that key id goes). Derivation allocates nothing. One thread at a time; {@link #close()} wipes the
 * copied salt and drops the PRF's key schedule.
 */
public final class SrtpKdf implements AutoCloseable {
    /** RFC 3711 §4.3.2 labels. */
    public static final int LABEL_RTP_ENCRYPTION = 0x00;
    public static final int LABEL_RTP_AUTH = 0x01;
    public static final int LABEL_RTP_SALT = 0x02;
    public static final int LABEL_RTCP_ENCRYPTION = 0x03;
    public static final int LABEL_RTCP_AUTH = 0x04;
    public static final int LABEL_RTCP_SALT = 0x05;

    /** The largest key derivation rate, 2^24 (RFC 3711 §4.3.1). */
    public static final long MAX_KEY_DERIVATION_RATE = 1L << 24;

    private final AesCtr prf;
    private final byte[] salt = new byte[14];
    private final byte[] iv = new byte[16];
    private boolean released;

    /**
     * @param masterKey 16, 24 or 32 bytes; not kept (the JCE keeps its key schedule)
     * @param masterSalt 14 bytes, or 12 for AEAD suites
     */
    public SrtpKdf(byte[] masterKey, byte[] masterSalt) {
        if (masterSalt.length != 14 && masterSalt.length != 12) {
            throw new IllegalArgumentException("master salt must be 14 or 12 bytes, not " + masterSalt.length);
        }
        prf = new AesCtr(masterKey);
        System.arraycopy(masterSalt, 0, salt, 0, masterSalt.length);
    }

    /**
     * @param kdr key derivation rate (RFC 3711 §4.3.1), 0 or a power of two up to 2^24
     * @return log2 of the rate, or -1 for rate 0 (derive once, with {@code r = 0})
     * @throws IllegalArgumentException for any other rate
     */
    public static int kdrShift(long kdr) {
        if (kdr == 0) {
            return -1;
        }
        if (kdr < 0 || Long.bitCount(kdr) != 1 || kdr > MAX_KEY_DERIVATION_RATE) {
            throw new IllegalArgumentException("key derivation rate must be 0 or 2^n, n in 0..24: " + kdr);
        }
        return Long.numberOfTrailingZeros(kdr);
    }

    /**
     * Derives {@code len} bytes for {@code label} at key-derivation index {@code r} (the packet index
     * divided by the key derivation rate, or 0) into {@code out[0, len)}.
     */
    public void derive(int label, long r, byte[] out, int len) {
        derive(label, r, out, 0, len);
    }

    /** Derives {@code len} bytes for {@code label} at key-derivation index {@code r} into {@code out[off, off + len)}. */
    public void derive(int label, long r, byte[] out, int off, int len) {
        if (released) {
            throw new IllegalStateException("SRTP KDF released");
        }
        Arrays.fill(iv, (byte) 0);
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (r >>> (8 * i));
        }
        prf.keystream(iv, out, off, len);
    }

    /**
     * Ends this KDF and hands its PRF cipher, still keyed with the master key, to the caller, who
     * must re-key it (with a session key) or close it: a transform that derives no more (key
     * derivation rate 0, every session key derived) reuses it as a session cipher instead of
     * creating another. The salt is wiped here; {@link #derive} fails from now on.
     */
    AesCtr release() {
        if (released) {
            throw new IllegalStateException("SRTP KDF released");
        }
        released = true;
        Arrays.fill(salt, (byte) 0);
        Arrays.fill(iv, (byte) 0);
        return prf;
    }

    @Override
    public void close() {
        Arrays.fill(salt, (byte) 0);
        Arrays.fill(iv, (byte) 0);
        if (!released) {
            released = true;
            prf.close();
        }
    }
}
