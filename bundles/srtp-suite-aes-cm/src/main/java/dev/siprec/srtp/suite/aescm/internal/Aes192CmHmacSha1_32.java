package dev.siprec.srtp.suite.aescm.internal;

import org.osgi.service.component.annotations.Component;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.spi.AesCmSuite;

/** {@code AES_192_CM_HMAC_SHA1_32} (RFC 6188 §7.1). */
@Component(service = SrtpCryptoSuite.class, property = SrtpCryptoSuite.SUITE + "=AES_192_CM_HMAC_SHA1_32")
public final class Aes192CmHmacSha1_32 extends AesCmSuite {
    public Aes192CmHmacSha1_32() {
        super("AES_192_CM_HMAC_SHA1_32", 24, 4);
    }
}
