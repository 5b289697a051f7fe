package dev.siprec.sdp.api;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import dev.siprec.srtp.api.SrtpMasterKey;

/**
 * One key parameter of an {@code a=crypto} attribute (RFC 4568 §6.1, §9.2):
 * {@code inline:<base64 key||salt>[|lifetime][|MKI:length]}. Holds a copy of the concatenated
 * master key and salt; {@link #close()} zeroes it. {@link #toString()} never shows key bytes, and
 * {@link #equals(Object)} compares them in constant time.
 */
public final class KeyParam implements AutoCloseable {
    /** The only key method RFC 4568 defines (§6.1). */
    public static final String INLINE = "inline";

    private final String method;
    private final byte[] keyAndSalt;
    private final Lifetime lifetime;
    private final Mki mki;

    /**
     * @param method the key method, {@link #INLINE}
     * @param keyAndSalt the decoded key and salt, concatenated; copied
     * @param lifetime the lifetime, or {@code null} when not given (the suite's maximum applies)
     * @param mki the MKI, or {@code null} when the stream uses none
     */
    public KeyParam(String method, byte[] keyAndSalt, Lifetime lifetime, Mki mki) {
        this.method = Objects.requireNonNull(method, "method");
        if (Objects.requireNonNull(keyAndSalt, "keyAndSalt").length == 0) {
            throw new IllegalArgumentException("empty key and salt");
        }
        this.keyAndSalt = keyAndSalt.clone();
        this.lifetime = lifetime;
        this.mki = mki;
    }

    /** An {@code inline:} key parameter. */
    public static KeyParam inline(byte[] keyAndSalt, Lifetime lifetime, Mki mki) {
        return new KeyParam(INLINE, keyAndSalt, lifetime, mki);
    }

    public String method() {
        return method;
    }

    /** @return a copy of key||salt; the caller wipes it after use. */
    public byte[] keyAndSalt() {
        return keyAndSalt.clone();
    }

    /** @return the length of key||salt in bytes. */
    public int length() {
        return keyAndSalt.length;
    }

    public Optional<Lifetime> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    public Optional<Mki> mki() {
        return Optional.ofNullable(mki);
    }

    /**
     * Splits key||salt into an SRTP master key for the engine.
     *
     * @param keyLength the suite's master key length; the rest is the salt
     * @throws IllegalArgumentException when the lengths do not add up
     */
    public SrtpMasterKey toSrtpMasterKey(int keyLength) {
        if (keyLength <= 0 || keyLength >= keyAndSalt.length) {
            throw new IllegalArgumentException("key length " + keyLength + " does not fit a " + keyAndSalt.length
                    + "-byte key||salt");
        }
        byte[] key = Arrays.copyOfRange(keyAndSalt, 0, keyLength);
        byte[] salt = Arrays.copyOfRange(keyAndSalt, keyLength, keyAndSalt.length);
        try {
            return new SrtpMasterKey(key, salt, lifetime == null ? 0 : lifetime.packets(),
                    mki == null ? new byte[0] : mki.bytes());
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /**
     * Zeroes the key bytes held here; {@code close()}, as for {@link dev.siprec.keys.api.SrtpMasterKey#close()}.
     *
     * @since 0.3
     */
    @Override
    public void close() {
        Arrays.fill(keyAndSalt, (byte) 0);
    }

    /** @deprecated the same as {@link #close()}; use {@link #close()}. */
    @Deprecated
    public void wipe() {
        close();
    }

    /** Same method, key bytes (compared in constant time), lifetime and MKI. */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyParam k && method.equals(k.method) && MessageDigest.isEqual(keyAndSalt, k.keyAndSalt)
                && Objects.equals(lifetime, k.lifetime) && Objects.equals(mki, k.mki);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, keyAndSalt.length, lifetime, mki);
    }

    /** @return {@code inline:<redacted>|2^31|1:4}: lifetime and MKI are not secret, the key is. */
    @Override
    public String toString() {
        return method + ":<redacted " + keyAndSalt.length + " bytes>" + (lifetime == null ? "" : "|" + lifetime)
                + (mki == null ? "" : "|" + mki);
    }
}
