package dev.siprec.srtp.spi;

import java.util.Arrays;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * The AEAD_AES_128_GCM / AEAD_AES_256_GCM transform (RFC 7714): session keys and 96-bit session
 * salts from the AES-CM PRF with the 12-byte master salt padded to 112 bits (§11, erratum 4938),
 * the 12-byte IV {@code (00 00 || SSRC || ROC || SEQ) XOR salt} (§8.1) and for SRTCP
 * {@code (00 00 || SSRC || 00 00 || 0 || index) XOR salt} (§9.1), AAD the RTP header (§8.2) or the
 * first 8 RTCP octets plus the E-flag/index word (§9.2), a 16-byte tag. AES-GCM runs on {@link Gcm}
 * (AES-NI counter mode, table-driven GHASH keyed once), which checks the tag before decrypting and
 * allocates nothing per packet. With KDR ≠ 0 a current and a spare key set as in
 * {@link AesCmTransform}. With KDR = 0 the KDF ends at the first packet as in {@link AesCmTransform}:
 * the other direction's key and salt are kept as bytes until its first packet, and the KDF's
 * cipher becomes the first direction's GCM cipher.
 */
public final class AesGcmTransform implements SrtpTransform {
    /** RFC 7714 §12: 16-octet authentication tag. */
    public static final int TAG_LENGTH = Gcm.TAG;
    private static final int SALT_LENGTH = 12;

    private final MasterKeys master;
    private final int kdrShift;
    private final int keyLength;
    private final Direction rtp;
    private final Direction rtcp;
    private final byte[] iv = new byte[SALT_LENGTH];
    private final byte[] word = new byte[4];
    private long derivations;
    private boolean closed;

    /** The keys that last authenticated (or protected) a packet, and with KDR ≠ 0 a spare (see {@link AesCmTransform}). */
    private static final class Direction {
        int label;
        Keys current;
        Keys spare;
    }

    private static final class Keys {
        final int label;
        final byte[] salt = new byte[SALT_LENGTH];
        Gcm gcm;
        long r;

        Keys(int label) {
            this.label = label;
        }

        void close() {
            Arrays.fill(salt, (byte) 0);
            if (gcm != null) {
                gcm.close();
            }
        }
    }

    /**
     * @param masterKey 16 or 32 bytes
     * @param masterSalt 12 bytes
     * @param kdr key derivation rate, 0 or 2^0..2^24
     */
    public AesGcmTransform(byte[] masterKey, byte[] masterSalt, long kdr) {
        if (masterKey.length != 16 && masterKey.length != 32) {
            throw new IllegalArgumentException("AES-GCM master key must be 16 or 32 bytes, not " + masterKey.length);
        }
        if (masterSalt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("AES-GCM master salt must be 12 bytes, not " + masterSalt.length);
        }
        this.kdrShift = SrtpKdf.kdrShift(kdr);
        this.keyLength = masterKey.length;
        this.master = new MasterKeys(new SrtpKdf(masterKey, masterSalt), kdrShift, this::material);
        this.rtp = newDirection(SrtpKdf.LABEL_RTP_ENCRYPTION);
        this.rtcp = newDirection(SrtpKdf.LABEL_RTCP_ENCRYPTION);
    }

    /**
     * A transform keyed directly with session key and salt (no KDF, rate 0), for the RFC 7714 §16
     * and §17 known-answer tests, which give session keys. Same key and salt for SRTP and SRTCP.
     */
    public static AesGcmTransform forSessionKeys(byte[] sessionKey, byte[] sessionSalt) {
        AesGcmTransform t = new AesGcmTransform(new byte[sessionKey.length], new byte[SALT_LENGTH], 0);
        for (Keys k : new Keys[] {t.keysFor(t.rtp, 0), t.keysFor(t.rtcp, 0)}) {
            k.gcm.rekey(sessionKey);
            System.arraycopy(sessionSalt, 0, k.salt, 0, SALT_LENGTH);
        }
        return t;
    }

    private static Direction newDirection(int label) {
        Direction d = new Direction();
        d.label = label;
        return d;
    }

    /** Session key and salt of one direction. */
    private byte[] material(SrtpKdf kdf, int label, long r) {
        byte[] m = new byte[keyLength + SALT_LENGTH];
        kdf.derive(label, r, m, 0, keyLength);
        kdf.derive(label + 2, r, m, keyLength, SALT_LENGTH);
        return m;
    }

    /**
     * Keys {@code k} for {@code r}. With KDR = 0 the first call also derives the other direction's
     * material and releases the KDF, whose cipher becomes this direction's; the second takes that material.
     */
    private void derive(Keys k, long r) {
        derivations++;
        Direction other = k.label == rtp.label ? rtcp : rtp;
        byte[] m = master.material(k.label, r, other.label, other.current == null);
        AesCtr reuse = master.takeCipher();
        byte[] key = Arrays.copyOf(m, keyLength);
        try {
            if (k.gcm != null) {
                k.gcm.rekey(key);
            } else if (reuse != null) {
                reuse.rekey(key);
                k.gcm = new Gcm(reuse, JdkKernels.GHASH);
                reuse = null;
            } else {
                k.gcm = new Gcm(key);
            }
            System.arraycopy(m, keyLength, k.salt, 0, SALT_LENGTH);
            k.r = r;
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(m, (byte) 0);
            if (reuse != null) {
                reuse.close();
            }
        }
    }

    /**
     * The current keys, or the spare derived for {@code r = index DIV KDR} (at most one derivation per
     * packet); made on a direction's first packet, so a direction never used holds no cipher.
     */
    private Keys keysFor(Direction d, long index) {
        long r = kdrShift < 0 ? 0 : index >>> kdrShift;
        if (d.current == null) {
            d.current = new Keys(d.label);
            derive(d.current, r);
            return d.current;
        }
        if (r == d.current.r) {
            return d.current;
        }
        if (d.spare == null) {
            d.spare = new Keys(d.label);
        }
        if (d.spare.gcm == null || d.spare.r != r) {
            derive(d.spare, r);
        }
        return d.spare;
    }

    private static void used(Direction d, Keys k) {
        if (k != d.current) {
            d.spare = d.current;
            d.current = k;
        }
    }

    /** @return session-key set derivations so far (each direction's first one included) */
    public long derivations() {
        return derivations;
    }

    private void rtpIv(Keys k, long ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        Bytes.put32(iv, 2, ssrc);
        Bytes.put32(iv, 6, index >>> 16);
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt(k.salt);
    }

    private void rtcpIv(Keys k, long ssrc, long srtcpIndex) {
        iv[0] = 0;
        iv[1] = 0;
        Bytes.put32(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        Bytes.put32(iv, 8, srtcpIndex & 0x7fffffffL);
        xorSalt(k.salt);
    }

    private void xorSalt(byte[] salt) {
        for (int i = 0; i < SALT_LENGTH; i++) {
            iv[i] ^= salt[i];
        }
    }

    @Override
    public int protectRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        checkOpen();
        Keys k = keysFor(rtp, index);
        used(rtp, k);
        rtpIv(k, ssrc, index);
        k.gcm.start(iv);
        k.gcm.aad(packet, 0, headerLength);
        k.gcm.encrypt(packet, headerLength, length - headerLength, packet, length);
        return length + TAG_LENGTH;
    }

    @Override
    public int unprotectRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        checkOpen();
        int plain = length - TAG_LENGTH;
        if (plain < headerLength) {
            return -1;
        }
        Keys k = keysFor(rtp, index);
        rtpIv(k, ssrc, index);
        k.gcm.start(iv);
        k.gcm.aad(packet, 0, headerLength);
        if (!k.gcm.verifyAndDecrypt(packet, headerLength, plain - headerLength, packet, plain)) {
            return -1;
        }
        used(rtp, k);
        return plain;
    }

    /** Output: {@code header(8) | cipher text | tag | E+index} (RFC 7714 §9.1); with E = 0 the whole packet is AAD. */
    @Override
    public int protectRtcp(byte[] packet, int length, long ssrc, int srtcpIndex, boolean encrypt) {
        checkOpen();
        long index = srtcpIndex & 0x7fffffffL;
        Keys k = keysFor(rtcp, index);
        used(rtcp, k);
        rtcpIv(k, ssrc, index);
        Bytes.put32(word, 0, (encrypt ? 0x80000000L : 0) | index);
        int aadEnd = encrypt ? 8 : length;
        k.gcm.start(iv);
        k.gcm.aad(packet, 0, aadEnd);
        k.gcm.aad(word, 0, 4);
        k.gcm.encrypt(packet, aadEnd, length - aadEnd, packet, length);
        System.arraycopy(word, 0, packet, length + TAG_LENGTH, 4);
        return length + TAG_LENGTH + 4;
    }

    @Override
    public int unprotectRtcp(byte[] packet, int length, long ssrc) {
        checkOpen();
        int trailer = length - 4;
        int tag = trailer - TAG_LENGTH;
        if (tag < 8) {
            return -1;
        }
        long w = Bytes.u32(packet, trailer);
        long index = w & 0x7fffffffL;
        boolean encrypted = (w & 0x80000000L) != 0;
        Keys k = keysFor(rtcp, index);
        rtcpIv(k, ssrc, index);
        int aadEnd = encrypted ? 8 : tag;
        k.gcm.start(iv);
        k.gcm.aad(packet, 0, aadEnd);
        k.gcm.aad(packet, trailer, 4);
        if (!k.gcm.verifyAndDecrypt(packet, aadEnd, tag - aadEnd, packet, tag)) {
            return -1;
        }
        used(rtcp, k);
        return tag;
    }

    /** @return whether the KDF is gone (KDR = 0 and a packet seen); for tests */
    boolean kdfReleased() {
        return master.kdfReleased();
    }

    /** @return the other direction's key and salt kept until its first packet, or null; for tests */
    byte[] pendingMaterial() {
        return master.pending();
    }

    /** @return the current salt of SRTP ({@code rtcp} false) or SRTCP, null before the first packet; for tests */
    byte[] currentSalt(boolean rtcp) {
        Keys k = (rtcp ? this.rtcp : rtp).current;
        return k == null ? null : k.salt;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("SRTP transform closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Direction d : new Direction[] {rtp, rtcp}) {
            if (d.current != null) {
                d.current.close();
            }
            if (d.spare != null) {
                d.spare.close();
            }
        }
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(word, (byte) 0);
        master.close();
    }

    @Override
    public String toString() {
        return "AesGcmTransform[AES-" + keyLength * 8 + "-GCM" + (closed ? ", closed" : "") + "]";
    }
}
