package dev.siprec.srtp.api;

import java.util.Arrays;

import javax.security.auth.Destroyable;

/**
 * One master key with its salt, MKI and lifetime, as carried by one RFC 4568 §6.1 {@code inline:}
 * key parameter ({@code inline:<key||salt>|<lifetime>|<MKI>:<length>}). Key, salt and MKI are
 * copied in and out; {@link #destroy()} wipes the copies held here. Never printed: {@link #toString()}
 * shows lengths only.
 */
public final class SrtpMasterKey implements Destroyable {
    /** Longest MKI accepted, in bytes (RFC 4568 §6.1 allows 1 to 128). */
    public static final int MAX_MKI_LENGTH = 128;

    private final byte[] key;
    private final byte[] salt;
    private final byte[] mki;
    private final long lifetime;
    private volatile boolean destroyed;

    /**
     * @param key master key
     * @param salt master salt
     * @param mki the MKI value as sent on the wire, big-endian, {@code mkiLength} bytes; empty for no MKI
     * @param lifetime maximum packets under this key ({@code |2^n} or decimal lifetime), 0 for the suite's default
     * @throws IllegalArgumentException on null or empty key or salt, negative lifetime or an MKI over 128 bytes
     */
    public SrtpMasterKey(byte[] key, byte[] salt, byte[] mki, long lifetime) {
        if (key == null || key.length == 0 || salt == null || salt.length == 0) {
            throw new IllegalArgumentException("master key and salt must not be empty");
        }
        if (mki == null || mki.length > MAX_MKI_LENGTH) {
            throw new IllegalArgumentException("MKI must be 0 to " + MAX_MKI_LENGTH + " bytes");
        }
        if (lifetime < 0) {
            throw new IllegalArgumentException("lifetime must not be negative: " + lifetime);
        }
        this.key = key.clone();
        this.salt = salt.clone();
        this.mki = mki.clone();
        this.lifetime = lifetime;
    }

    /** A key without MKI and with the suite's default lifetime. */
    public SrtpMasterKey(byte[] key, byte[] salt) {
        this(key, salt, new byte[0], 0);
    }

    /**
     * Builds the MKI bytes of RFC 4568 {@code |<value>:<length>}: {@code value} big-endian in
     * {@code length} bytes.
     *
     * @throws IllegalArgumentException if the value does not fit or the length is not 1..128
     */
    public static byte[] mki(long value, int length) {
        if (length < 1 || length > MAX_MKI_LENGTH) {
            throw new IllegalArgumentException("MKI length must be 1 to " + MAX_MKI_LENGTH + ": " + length);
        }
        if (value < 0 || (length < 8 && value >>> (8 * length) != 0)) {
            throw new IllegalArgumentException("MKI value " + value + " does not fit in " + length + " bytes");
        }
        byte[] b = new byte[length];
        for (int i = 0; i < Math.min(length, 8); i++) {
            b[length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    /** @return a copy of the master key */
    public byte[] key() {
        checkLive();
        return key.clone();
    }

    /** @return a copy of the master salt */
    public byte[] salt() {
        checkLive();
        return salt.clone();
    }

    /** @return a copy of the MKI bytes, empty without MKI */
    public byte[] mki() {
        return mki.clone();
    }

    public int keyLength() {
        return key.length;
    }

    public int saltLength() {
        return salt.length;
    }

    public int mkiLength() {
        return mki.length;
    }

    /** @return maximum packets under this key, 0 for the suite's default */
    public long lifetime() {
        return lifetime;
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("master key destroyed");
        }
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[key=" + key.length + " bytes, salt=" + salt.length + " bytes, mki="
                + mki.length + " bytes, lifetime=" + (lifetime == 0 ? "default" : Long.toString(lifetime)) + "]";
    }
}
