package dev.siprec.srtp.suite.aescm.internal;

import org.osgi.service.component.annotations.Component;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.spi.AesCmSuite;

/** {@code AES_CM_128_HMAC_SHA1_32} (RFC 4568 §6.2.2). */
@Component(service = SrtpCryptoSuite.class, property = SrtpCryptoSuite.SUITE + "=AES_CM_128_HMAC_SHA1_32")
public final class AesCm128HmacSha1_32 extends AesCmSuite {
    public AesCm128HmacSha1_32() {
        super("AES_CM_128_HMAC_SHA1_32", 16, 4);
    }
}
