package dev.siprec.keys.api;

import org.osgi.annotation.versioning.ProviderType;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpMasterKey;

/**
 * Generates SRTP master keys and salts (RFC 3711 §8.1, RFC 4568 §6.1) for the server's SDES
 * answers from a DRBG {@code SecureRandom} (NIST SP 800-90A). The answer's key protects only the
 * SRTCP the server itself sends; recorded media is decrypted with the recording client's key from
 * the offer. Keys are counted until {@link SrtpMasterKey#close()} wipes them; the manager wipes every
 * key still live when it stops.
 */
@ProviderType
public interface KeyManager {

    /**
     * A fresh random key and salt of the given lengths.
     *
     * @param keyLength master key length in bytes, 16..32
     * @param saltLength master salt length in bytes, 12..14
     * @param lifetime packets allowed under the key, 0 for the suite's default
     * @throws IllegalArgumentException on lengths outside those of the SRTP suites or a negative lifetime
     * @throws IllegalStateException when the configured maximum of live keys is reached (a leak) or
     *         the manager has stopped
     */
    SrtpMasterKey newMasterKey(int keyLength, int saltLength, long lifetime);

    /**
     * A fresh key with the suite's lengths and no explicit lifetime (the suite's maximum,
     * {@link SrtpCryptoSuite#srtpLifetime()}, applies).
     *
     * @throws IllegalStateException as {@link #newMasterKey(int, int, long)}
     */
    default SrtpMasterKey newMasterKey(SrtpCryptoSuite suite) {
        return newMasterKey(suite.masterKeyLength(), suite.masterSaltLength(), 0);
    }

    /** @return the number of generated keys not yet wiped, for leak checks and {@code siprec:status}. */
    int liveKeys();
}
