package dev.siprec.srtp.suite.aesgcm.internal;

import org.osgi.service.component.annotations.Component;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.spi.AesGcmSuite;

/** {@code AEAD_AES_256_GCM} (RFC 7714 §14.2). */
@Component(service = SrtpCryptoSuite.class, property = SrtpCryptoSuite.SUITE + "=AEAD_AES_256_GCM")
public final class AeadAes256Gcm extends AesGcmSuite {
    public AeadAes256Gcm() {
        super("AEAD_AES_256_GCM", 32);
    }
}
