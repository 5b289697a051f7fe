package dev.siprec.srtp.spi;

import java.util.Arrays;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * The RFC 3711 transform of the AES-CM/HMAC-SHA1 suites (RFC 4568 §6.2, RFC 6188) and of the NULL
 * cipher ({@code cipherKeyLength == 0}): AES counter mode with the IV of §4.1.1, HMAC-SHA1 over
 * the authenticated portion and ROC (§4.2), session keys from {@link SrtpKdf}, re-derived when the
 * key-derivation index changes (§4.3.1, KDR ≠ 0). SRTCP per §3.4 with its own keys; with a NULL
 * cipher SRTCP carries E = 0 (the SPI's E-flag rule).
 *
 * <p>Work before authentication is bounded with KDR ≠ 0: each direction keeps the keys that last
 * authenticated (or protected) a packet, and a spare set. Key sets are made on a direction's first
 * packet, so a direction a session never uses (SRTP sending in a recorder) holds no cipher. A packet whose {@code r = index DIV KDR}
 * differs is checked with keys derived into the spare (at most one derivation per packet, none when
 * the spare already holds that {@code r}); the spare becomes the current set only once a packet
 * authenticated with it. A forged index therefore never evicts the keys of the real stream.
 *
 * <p>With KDR = 0 nothing is derived after each direction's first key set, so the KDF does not
 * outlive the first packet: on it, the other direction's session keys are derived too and kept as
 * bytes until that direction's first packet (wiped then, or at close), and the KDF's cipher, keyed
 * with the master key, is re-keyed to serve as the first direction's session cipher. A receiving
 * stream that never sees SRTCP therefore holds one cipher, one HMAC and 50–66 bytes of SRTCP keys.
 */
public final class AesCmTransform implements SrtpTransform {
    private static final int AUTH_KEY_LENGTH = 20;
    private static final int SALT_LENGTH = 14;

    private final MasterKeys master;
    private final int kdrShift;
    private final int cipherKeyLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final boolean encryptRtp;
    private final Direction rtp;
    private final Direction rtcp;
    private final byte[] iv = new byte[16];
    private long derivations;
    private boolean closed;

    /** Session keys for one {@code r}. */
    private static final class Keys {
        final AesCtr cipher;
        final HmacSha1 mac;
        final byte[] salt = new byte[SALT_LENGTH];
        long r;

        Keys(AesCtr cipher, HmacSha1 mac) {
            this.cipher = cipher;
            this.mac = mac;
        }

        void close() {
            if (cipher != null) {
                cipher.close();
            }
            mac.close();
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** Session keys of SRTP or of SRTCP: the set in use and, with KDR ≠ 0, a spare. */
    private static final class Direction {
        final int encLabel;
        Keys current;
        Keys spare;

        Direction(int encLabel) {
            this.encLabel = encLabel;
        }
    }

    /**
     * @param masterKey master key (16, 24 or 32 bytes), used for the PRF (RFC 6188 §3)
     * @param masterSalt 14-byte master salt
     * @param kdr key derivation rate, 0 or 2^0..2^24
     * @param cipherKeyLength session encryption key length, equal to the master key length; 0 for the NULL cipher
     * @param rtpTagLength SRTP tag length (10 or 4), 0 for {@code UNAUTHENTICATED_SRTP}
     * @param rtcpTagLength SRTCP tag length (10)
     * @param encryptRtp false for {@code UNENCRYPTED_SRTP}
     */
    public AesCmTransform(byte[] masterKey, byte[] masterSalt, long kdr, int cipherKeyLength,
            int rtpTagLength, int rtcpTagLength, boolean encryptRtp) {
        if (masterSalt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("AES-CM master salt must be 14 bytes, not " + masterSalt.length);
        }
        if (cipherKeyLength != 0 && cipherKeyLength != masterKey.length) {
            throw new IllegalArgumentException("session key length must equal the master key length");
        }
        this.kdrShift = SrtpKdf.kdrShift(kdr);
        this.master = new MasterKeys(new SrtpKdf(masterKey, masterSalt), kdrShift, this::material);
        this.cipherKeyLength = cipherKeyLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.encryptRtp = encryptRtp && cipherKeyLength > 0;
        this.rtp = newDirection(SrtpKdf.LABEL_RTP_ENCRYPTION);
        this.rtcp = newDirection(SrtpKdf.LABEL_RTCP_ENCRYPTION);
    }

    private static Direction newDirection(int encLabel) {
        return new Direction(encLabel);
    }

    /** Session key material of one direction: encryption key (none for NULL), authentication key, salt. */
    private byte[] material(SrtpKdf kdf, int encLabel, long r) {
        byte[] m = new byte[cipherKeyLength + AUTH_KEY_LENGTH + SALT_LENGTH];
        if (cipherKeyLength > 0) {
            kdf.derive(encLabel, r, m, 0, cipherKeyLength);
        }
        kdf.derive(encLabel + 1, r, m, cipherKeyLength, AUTH_KEY_LENGTH);
        kdf.derive(encLabel + 2, r, m, cipherKeyLength + AUTH_KEY_LENGTH, SALT_LENGTH);
        return m;
    }

    /**
     * A key set for {@code r}; created on a direction's first packet, so a direction never used
     * costs nothing. With KDR = 0 the first call also derives the other direction's material and
     * releases the KDF (see the class comment); the second takes that material.
     */
    private Keys newKeys(Direction d, long r) {
        derivations++;
        Direction other = d == rtp ? rtcp : rtp;
        byte[] m = master.material(d.encLabel, r, other.encLabel, other.current == null);
        AesCtr reuse = master.takeCipher();
        try {
            AesCtr cipher = null;
            if (cipherKeyLength > 0) {
                byte[] key = Arrays.copyOf(m, cipherKeyLength);
                if (reuse != null) {
                    reuse.rekey(key);
                    cipher = reuse;
                    reuse = null;
                } else {
                    cipher = new AesCtr(key);
                }
                Arrays.fill(key, (byte) 0);
            }
            byte[] authKey = Arrays.copyOfRange(m, cipherKeyLength, cipherKeyLength + AUTH_KEY_LENGTH);
            HmacSha1 mac = new HmacSha1(authKey);
            Arrays.fill(authKey, (byte) 0);
            Keys k = new Keys(cipher, mac);
            System.arraycopy(m, cipherKeyLength + AUTH_KEY_LENGTH, k.salt, 0, SALT_LENGTH);
            k.r = r;
            return k;
        } finally {
            Arrays.fill(m, (byte) 0);
            if (reuse != null) {
                reuse.close(); // NULL cipher: the PRF's cipher has no further use
            }
        }
    }

    /**
     * The keys for {@code index} (RFC 3711 §4.3.1): the current set, or the spare, derived for
     * {@code r = index DIV KDR} unless it holds that {@code r} already. Nothing is promoted here.
     */
    private Keys keysFor(Direction d, long index) {
        long r = kdrShift < 0 ? 0 : index >>> kdrShift;
        if (d.current == null) {
            d.current = newKeys(d, r);
            return d.current;
        }
        if (r == d.current.r) {
            return d.current;
        }
        if (d.spare == null) {
            d.spare = newKeys(d, r);
        } else if (d.spare.r != r) {
            derive(d.encLabel, d.spare, r);
        }
        return d.spare;
    }

    /** Re-derives the spare set {@code k} for {@code r} (KDR ≠ 0 only: the KDF is kept then). */
    private void derive(int encLabel, Keys k, long r) {
        derivations++;
        byte[] m = master.derive(encLabel, r);
        if (k.cipher != null) {
            byte[] key = Arrays.copyOf(m, cipherKeyLength);
            k.cipher.rekey(key);
            Arrays.fill(key, (byte) 0);
        }
        byte[] authKey = Arrays.copyOfRange(m, cipherKeyLength, cipherKeyLength + AUTH_KEY_LENGTH);
        k.mac.rekey(authKey);
        Arrays.fill(authKey, (byte) 0);
        System.arraycopy(m, cipherKeyLength + AUTH_KEY_LENGTH, k.salt, 0, SALT_LENGTH);
        Arrays.fill(m, (byte) 0);
        k.r = r;
    }

    /** Makes {@code k} the current set once a packet authenticated (or was protected) with it. */
    private static void used(Direction d, Keys k) {
        if (k != d.current) {
            d.spare = d.current;
            d.current = k;
        }
    }

    /** @return session-key set derivations so far (each direction's first one included): what a test counts to see the work bounded */
    public long derivations() {
        return derivations;
    }

    /** IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1. */
    private void iv(byte[] salt, long ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, SALT_LENGTH);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[7 - i] ^= (byte) (ssrc >>> (8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
    }

    @Override
    public int protectRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        checkOpen();
        Keys k = keysFor(rtp, index);
        used(rtp, k);
        if (encryptRtp) {
            iv(k.salt, ssrc, index);
            k.cipher.apply(iv, packet, headerLength, length - headerLength);
        }
        if (rtpTagLength > 0) {
            k.mac.sign(packet, length, true, index >>> 16, rtpTagLength);
        }
        return length + rtpTagLength;
    }

    @Override
    public int unprotectRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        checkOpen();
        int plain = length - rtpTagLength;
        if (plain < headerLength) {
            return -1;
        }
        Keys k = keysFor(rtp, index);
        if (rtpTagLength > 0 && !k.mac.verify(packet, plain, true, index >>> 16, rtpTagLength)) {
            return -1;
        }
        used(rtp, k);
        if (encryptRtp) {
            iv(k.salt, ssrc, index);
            k.cipher.apply(iv, packet, headerLength, plain - headerLength);
        }
        return plain;
    }

    @Override
    public int protectRtcp(byte[] packet, int length, long ssrc, int srtcpIndex, boolean encrypt) {
        checkOpen();
        long index = srtcpIndex & 0x7fffffffL;
        Keys k = keysFor(rtcp, index);
        used(rtcp, k);
        boolean e = encrypt && k.cipher != null;
        if (e) {
            iv(k.salt, ssrc, index);
            k.cipher.apply(iv, packet, 8, length - 8);
        }
        Bytes.put32(packet, length, (e ? 0x80000000L : 0) | index);
        k.mac.sign(packet, length + 4, false, 0, rtcpTagLength);
        return length + 4 + rtcpTagLength;
    }

    @Override
    public int unprotectRtcp(byte[] packet, int length, long ssrc) {
        checkOpen();
        int trailer = length - rtcpTagLength - 4;
        if (trailer < 8) {
            return -1;
        }
        long word = Bytes.u32(packet, trailer);
        long index = word & 0x7fffffffL;
        Keys k = keysFor(rtcp, index);
        if (!k.mac.verify(packet, trailer + 4, false, 0, rtcpTagLength)) {
            return -1;
        }
        used(rtcp, k);
        if ((word & 0x80000000L) != 0 && k.cipher != null) {
            iv(k.salt, ssrc, index);
            k.cipher.apply(iv, packet, 8, trailer - 8);
        }
        return trailer;
    }

    /** @return whether the KDF is gone (KDR = 0 and a packet seen); for tests */
    boolean kdfReleased() {
        return master.kdfReleased();
    }

    /** @return the other direction's key material kept until its first packet, or null; for tests */
    byte[] pendingMaterial() {
        return master.pending();
    }

    /** @return the current cipher and MAC of SRTP ({@code rtcp} false) or SRTCP, null before the first packet; for tests */
    Object[] currentKeys(boolean rtcp) {
        Keys k = (rtcp ? this.rtcp : rtp).current;
        return k == null ? null : new Object[] {k.cipher, k.mac, k.salt};
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
        master.close();
    }

    @Override
    public String toString() {
        return "AesCmTransform[" + (cipherKeyLength == 0 ? "NULL" : "AES-" + cipherKeyLength * 8)
                + ", tag " + rtpTagLength + "/" + rtcpTagLength + (closed ? ", closed" : "") + "]";
    }
}
