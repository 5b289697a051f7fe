package dev.siprec.srtp.suite.nullcipher.internal;

import org.osgi.service.component.annotations.Component;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.AesCmTransform;
import dev.siprec.srtp.spi.SuiteBase;

/**
 * {@code NULL_HMAC_SHA1_80} (RFC 3711 §4.1.3 NULL cipher, HMAC-SHA1 80-bit tag): media in clear,
 * authenticated; keys derived with AES-128 as for {@code AES_CM_128_HMAC_SHA1_80}; SRTCP always
 * with E = 0 (the SPI's rule for ciphers that cannot encrypt). Off by default: the distribution
 * ships this bundle in {@code optional/}, not in {@code bundle/}; installing it (e.g. copying it
 * into {@code deploy/}) is the opt-in.
 */
@Component(service = SrtpCryptoSuite.class, property = SrtpCryptoSuite.SUITE + "=NULL_HMAC_SHA1_80")
public final class NullHmacSha1_80 extends SuiteBase {
    private static final int TAG = 10;

    public NullHmacSha1_80() {
        super("NULL_HMAC_SHA1_80", 16, 14, TAG, TAG, false);
    }

    /** The NULL cipher encrypts nothing; AES serves the key derivation (RFC 3711 §4.3.3) only. */
    @Override
    public String implementation() {
        return "NULL cipher, " + primitives(false, true, false) + "; keys derived with " + primitives(true, false, false);
    }

    @Override
    protected SrtpTransform create(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp) {
        return new AesCmTransform(masterKey, masterSalt, keyDerivationRate, 0, authenticateRtp ? TAG : 0, TAG, false);
    }
}
