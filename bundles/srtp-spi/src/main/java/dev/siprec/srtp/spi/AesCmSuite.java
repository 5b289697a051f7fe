package dev.siprec.srtp.spi;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * An AES-CM/HMAC-SHA1 suite: {@code AES_CM_128_HMAC_SHA1_80/32} (RFC 4568 §6.2.1-2),
 * {@code AES_192_CM_HMAC_SHA1_80/32} and {@code AES_256_CM_HMAC_SHA1_80/32} (RFC 6188 §7): 14-byte
 * salt, SRTCP always with the 80-bit tag.
 */
public class AesCmSuite extends SuiteBase {
    private static final int SRTCP_TAG = 10;

    /**
     * @param keyLength 16, 24 or 32
     * @param tagLength 10 ({@code _80}) or 4 ({@code _32})
     */
    public AesCmSuite(String name, int keyLength, int tagLength) {
        super(name, keyLength, 14, tagLength, SRTCP_TAG, false);
    }

    @Override
    public String implementation() {
        return primitives(true, true, false);
    }

    @Override
    protected SrtpTransform create(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp) {
        return new AesCmTransform(masterKey, masterSalt, keyDerivationRate, masterKeyLength(),
                authenticateRtp ? srtpAuthTagLength() : 0, SRTCP_TAG, encryptRtp);
    }
}
