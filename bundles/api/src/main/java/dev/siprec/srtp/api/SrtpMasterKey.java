package dev.siprec.srtp.api;

import java.util.Arrays;

/**
 * One master key with its salt, MKI and lifetime, as carried by one RFC 4568 §6.1 {@code inline:}
 * key parameter ({@code inline:<key||salt>|<lifetime>|<MKI>:<length>}). Key, salt and MKI are
 * copied in and out; {@link #close()} wipes the copies held here. Never printed: {@link #toString()}
 * shows lengths only.
 *
 * <p>This is the one master-key type of the server: the key manager hands it out, SDES builds it
 * from {@code inline:}, and {@link SrtpPolicy} carries it to the engine. Ownership: a policy given to
 * {@link SrtpEngine#newSession(SrtpPolicy)} passes its keys to the engine, which closes them once the
 * session keys are derived (also when it throws); whoever builds a policy and does not hand it to the
 * engine closes its keys itself.
 */
public final class SrtpMasterKey implements AutoCloseable {
    /** Longest MKI accepted, in bytes (RFC 4568 §6.1 allows 1 to 128). */
    public static final int MAX_MKI_LENGTH = 128;

    private final byte[] key;
    private final byte[] salt;
    private final byte[] mki;
    private final long lifetime;
    private final Runnable onClose;
    private volatile boolean destroyed;

    /**
     * @param key master key
     * @param salt master salt
     * @param lifetime maximum packets under this key ({@code |2^n} or decimal lifetime), 0 for the suite's default
     * @param mki the MKI value as sent on the wire, big-endian, {@code mkiLength} bytes; empty or {@code null} for no MKI
     * @throws IllegalArgumentException on null or empty key or salt, negative lifetime or an MKI over 128 bytes
     */
    public SrtpMasterKey(byte[] key, byte[] salt, long lifetime, byte[] mki) {
        this(key, salt, lifetime, mki, null);
    }

    /**
     * As {@link #SrtpMasterKey(byte[], byte[], long, byte[])}, calling {@code onClose} once when the
     * key is first wiped (the key manager counts live keys with it).
     *
     * @param onClose called once by the first {@link #close()}, or {@code null}
     */
    public SrtpMasterKey(byte[] key, byte[] salt, long lifetime, byte[] mki, Runnable onClose) {
        if (mki == null) {
            mki = new byte[0];
        }
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
        this.onClose = onClose;
    }

    /** A key without MKI and with the suite's default lifetime. */
    public SrtpMasterKey(byte[] key, byte[] salt) {
        this(key, salt, 0, new byte[0]);
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
    public synchronized byte[] key() {
        checkLive();
        return key.clone();
    }

    /** @return a copy of the master salt */
    public synchronized byte[] salt() {
        checkLive();
        return salt.clone();
    }

    /** @return key followed by salt, as carried base64-encoded in {@code inline:} (RFC 4568 §6.1); the caller wipes it */
    public synchronized byte[] keyAndSalt() {
        checkLive();
        byte[] both = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, both, key.length, salt.length);
        return both;
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

    /** Wipes key and salt; later calls do nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (destroyed) {
                return;
            }
            destroyed = true;
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
        if (onClose != null) {
            onClose.run();
        }
    }

    /** @return whether {@link #close()} has wiped this key */
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
                + mki.length + " bytes, lifetime=" + (lifetime == 0 ? "default" : Long.toString(lifetime)) + (destroyed ? ", wiped" : "") + "]";
    }
}
