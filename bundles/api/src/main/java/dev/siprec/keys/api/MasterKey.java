package dev.siprec.keys.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An SRTP master key and salt (RFC 3711 §8.1) with its lifetime and optional MKI. Holds copies of
 * the bytes; {@link #close()} wipes them. {@link #toString()} never shows key bytes.
 */
public final class MasterKey implements AutoCloseable {
    private final byte[] key;
    private final byte[] salt;
    private final long lifetime;
    private final byte[] mki;
    private final Runnable onClose;
    private volatile boolean destroyed;

    /**
     * @param key master key, copied
     * @param salt master salt, copied
     * @param lifetime maximum packets under this key (RFC 4568 §6.1 {@code |2^n}); 0 for the suite default
     * @param mki master key identifier, copied; empty when the stream uses no MKI
     */
    public MasterKey(byte[] key, byte[] salt, long lifetime, byte[] mki) {
        this(key, salt, lifetime, mki, null);
    }

    /**
     * As {@link #MasterKey(byte[], byte[], long, byte[])}, calling {@code onClose} once when the key
     * is first wiped (the {@link KeyManager} counts live keys with it).
     *
     * @param onClose called once by the first {@link #close()}, or {@code null}
     */
    public MasterKey(byte[] key, byte[] salt, long lifetime, byte[] mki, Runnable onClose) {
        if (lifetime < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
        this.onClose = onClose;
        this.key = Objects.requireNonNull(key, "key").clone();
        this.salt = Objects.requireNonNull(salt, "salt").clone();
        this.lifetime = lifetime;
        this.mki = mki == null ? new byte[0] : mki.clone();
    }

    /** @return a copy of the key; the caller wipes it after use. */
    public synchronized byte[] key() {
        checkLive();
        return key.clone();
    }

    /** @return a copy of the salt; the caller wipes it after use. */
    public synchronized byte[] salt() {
        checkLive();
        return salt.clone();
    }

    /** @return key followed by salt, as carried base64-encoded in {@code inline:} (RFC 4568 §6.1); the caller wipes it. */
    public synchronized byte[] keyAndSalt() {
        checkLive();
        byte[] both = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, both, key.length, salt.length);
        return both;
    }

    public long lifetime() {
        return lifetime;
    }

    public byte[] mki() {
        return mki.clone();
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("master key was wiped");
        }
    }

    /** @return the master key length in bytes. */
    public int keyLength() {
        return key.length;
    }

    /** @return the master salt length in bytes. */
    public int saltLength() {
        return salt.length;
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

    @Override
    public String toString() {
        return "MasterKey[" + key.length * 8 + "-bit, lifetime=" + lifetime + ", mki=" + mki.length + " bytes"
                + (destroyed ? ", wiped" : "") + "]";
    }
}
