package dev.siprec.srtp.spi;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * {@code AEAD_AES_128_GCM} and {@code AEAD_AES_256_GCM} (RFC 7714 §14.2): 12-byte master salt,
 * 16-byte tag for SRTP and SRTCP. AEAD suites always encrypt and authenticate SRTP, so
 * {@code UNENCRYPTED_SRTP} and {@code UNAUTHENTICATED_SRTP} are refused; {@code UNENCRYPTED_SRTCP}
 * works (E = 0, RFC 7714 §9.2).
 */
public class AesGcmSuite extends SuiteBase {
    /** @param keyLength 16 or 32 */
    public AesGcmSuite(String name, int keyLength) {
        super(name, keyLength, 12, AesGcmTransform.TAG_LENGTH, AesGcmTransform.TAG_LENGTH, true);
    }

    @Override
    public String implementation() {
        return primitives(true, false, true);
    }

    @Override
    protected SrtpTransform create(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp) {
        if (!encryptRtp || !authenticateRtp) {
            throw new IllegalArgumentException(name() + " always encrypts and authenticates SRTP: "
                    + "UNENCRYPTED_SRTP and UNAUTHENTICATED_SRTP are not supported");
        }
        return new AesGcmTransform(masterKey, masterSalt, keyDerivationRate);
    }
}
