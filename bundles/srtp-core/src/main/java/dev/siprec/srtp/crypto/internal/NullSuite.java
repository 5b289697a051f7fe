package dev.siprec.srtp.crypto.internal;

import dev.siprec.srtp.api.SrtpTransform;

/**
 * {@code NULL_HMAC_SHA1_80}: the NULL cipher with HMAC-SHA1 (RFC 3711 §4.1.3), authentication
 * without confidentiality; keys are derived with AES-128 as for {@code AES_CM_128_HMAC_SHA1_80}.
 * For tests and debugging only.
 */
public class NullSuite extends SuiteBase {
    public NullSuite() {
        super("NULL_HMAC_SHA1_80", 16, 14, 10, 10, false);
    }

    @Override
    protected SrtpTransform create(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp) {
        return new AesCmTransform(masterKey, masterSalt, keyDerivationRate, 0, authenticateRtp ? 10 : 0, 10, false);
    }
}
