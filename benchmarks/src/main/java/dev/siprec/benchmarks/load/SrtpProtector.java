package dev.siprec.benchmarks.load;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load generator's own SRTP sender for {@code AES_CM_128_HMAC_SHA1_80} (RFC 3711 §4.1.1, §4.2,
 * §4.3, key derivation rate 0), written on the JDK's JCE alone so that the generator is a peer
 * independent of the server's SRTP bundles. Not thread-safe: one instance per stream, used by one
 * thread at a time. Allocates nothing per packet.
 */
public final class SrtpProtector implements AutoCloseable {
    /** Master key + master salt bytes of the suite (RFC 4568 §6.2.1: 30 bytes in {@code inline:}). */
    public static final int MASTER_BYTES = 30;
    /** Bytes added to each packet (the 80-bit authentication tag). */
    public static final int TAG_BYTES = 10;
    private static final int HEADER_BYTES = 12;
    private static final int MAX_PAYLOAD = 1024;

    private final Cipher aes;
    private final Mac hmac;
    private final byte[] sessionSalt;
    private final byte[] counters = new byte[MAX_PAYLOAD + 16];
    private final byte[] keystream = new byte[MAX_PAYLOAD + 16];
    private final byte[] roc = new byte[4];
    private final byte[] tag = new byte[20];

    /**
     * @param master 30 bytes: 16-byte master key followed by the 14-byte master salt (copied; the
     *               caller wipes its array)
     */
    public SrtpProtector(byte[] master) {
        if (master.length != MASTER_BYTES) {
            throw new IllegalArgumentException("AES_CM_128_HMAC_SHA1_80 needs 30 bytes of key + salt, got " + master.length);
        }
        byte[] masterKey = Arrays.copyOfRange(master, 0, 16);
        byte[] masterSalt = Arrays.copyOfRange(master, 16, 30);
        byte[] cipherKey = derive(masterKey, masterSalt, 0, 16);
        byte[] authKey = derive(masterKey, masterSalt, 1, 20);
        sessionSalt = derive(masterKey, masterSalt, 2, 14);
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cipherKey, "AES"));
            hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES/ECB or HmacSHA1", e);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
            Arrays.fill(masterSalt, (byte) 0);
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(authKey, (byte) 0);
        }
    }

    /**
     * RFC 3711 §4.3.1 with key derivation rate 0 (r = 0) and the AES-CM PRF (§4.3.3):
     * x = (label * 2^48) XOR master salt, output = AES-CM keystream at IV = x * 2^16.
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        return keystream(masterKey, iv, length);
    }

    /** AES in counter mode from {@code iv}, the low 16 bits counting blocks (RFC 3711 §4.1.1). */
    static byte[] keystream(byte[] key, byte[] iv, int length) {
        int blocks = (length + 15) / 16;
        byte[] in = new byte[blocks * 16];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(iv, 0, in, b * 16, 16);
            int c = ((iv[14] & 0xFF) << 8 | (iv[15] & 0xFF)) + b;
            in[b * 16 + 14] = (byte) (c >>> 8);
            in[b * 16 + 15] = (byte) c;
        }
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return Arrays.copyOf(ecb.doFinal(in), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES/ECB", e);
        }
    }

    /**
     * Protects an RTP packet in place (12-byte header, no CSRC or extension) and appends the tag.
     *
     * @param packet array with room for {@code length + 10} bytes
     * @param length RTP packet length (header + payload)
     * @param index  the packet's 48-bit SRTP index, ROC * 2^16 + SEQ (RFC 3711 §3.3.1); the header's
     *               SEQ must equal its low 16 bits
     * @return the SRTP packet length
     */
    public int protect(byte[] packet, int length, long index) {
        int payload = length - HEADER_BYTES;
        if (payload < 0 || payload > MAX_PAYLOAD || packet.length < length + TAG_BYTES) {
            throw new IllegalArgumentException("packet of " + length + " bytes in an array of " + packet.length);
        }
        int blocks = (payload + 15) / 16;
        // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1
        for (int b = 0; b < blocks; b++) {
            int o = b * 16;
            System.arraycopy(sessionSalt, 0, counters, o, 14);
            for (int j = 0; j < 4; j++) {
                counters[o + 4 + j] ^= packet[8 + j];
            }
            for (int j = 0; j < 6; j++) {
                counters[o + 8 + j] ^= (byte) (index >>> (40 - 8 * j));
            }
            counters[o + 14] = (byte) (b >>> 8);
            counters[o + 15] = (byte) b;
        }
        try {
            aes.doFinal(counters, 0, blocks * 16, keystream, 0);
            for (int j = 0; j < payload; j++) {
                packet[HEADER_BYTES + j] ^= keystream[j];
            }
            long r = index >>> 16;
            roc[0] = (byte) (r >>> 24);
            roc[1] = (byte) (r >>> 16);
            roc[2] = (byte) (r >>> 8);
            roc[3] = (byte) r;
            hmac.update(packet, 0, length);
            hmac.update(roc);
            hmac.doFinal(tag, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(tag, 0, packet, length, TAG_BYTES);
        return length + TAG_BYTES;
    }

    /** Wipes the session salt and the last keystream; the JCE objects drop their keys with the instance. */
    @Override
    public void close() {
        Arrays.fill(sessionSalt, (byte) 0);
        Arrays.fill(keystream, (byte) 0);
        Arrays.fill(tag, (byte) 0);
    }

}
