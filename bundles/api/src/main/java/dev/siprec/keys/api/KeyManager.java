package dev.siprec.keys.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Generates master keys for SRTP answers (RFC 4568 §6.1) from a DRBG {@code SecureRandom}. The
 * answer's key protects only SRTCP the server itself sends; recorded media is decrypted with the
 * recording client's key from the offer.
 */
@ProviderType
public interface KeyManager {

    /**
     * A fresh random key and salt of the given lengths.
     *
     * @param keyLength master key length in bytes
     * @param saltLength master salt length in bytes
     * @param lifetime packets allowed under the key, 0 for the suite's default
     */
    MasterKey newMasterKey(int keyLength, int saltLength, long lifetime);

    /** @return the number of generated keys not yet wiped, for leak checks and {@code siprec:status}. */
    int liveKeys();
}
