package org.example.siprec.suite;

import org.osgi.service.component.annotations.Component;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.SuiteBase;

/**
 * {@code NULL_HMAC_SHA1_32}: the NULL cipher (RFC 3711 §4.1.3) with HMAC-SHA1 (§4.2), a 32-bit SRTP
 * tag and, as for the {@code _32} AES suites (RFC 4568 §6.2.2), an 80-bit SRTCP tag. Keys derived
 * with the AES-128 PRF from a 16-byte master key and a 14-byte master salt (libsrtp's
 * {@code null_cipher_hmac_sha1_80} key layout). Media stays in clear: for tests and debugging.
 *
 * <p>One DS component: registering the service with {@link SrtpCryptoSuite#SUITE} is all it takes
 * to plug into the server. {@link SuiteBase} checks the key lengths and warms the packet path up
 * before the first transform is handed out.
 */
@Component(service = SrtpCryptoSuite.class, property = SrtpCryptoSuite.SUITE + "=" + NullHmacSha1_32.NAME)
public final class NullHmacSha1_32 extends SuiteBase {
    /** The name in SDP {@code a=crypto}. */
    public static final String NAME = "NULL_HMAC_SHA1_32";

    public NullHmacSha1_32() {
        super(NAME, 16, 14, NullSha1Transform.RTP_TAG, NullSha1Transform.RTCP_TAG, false);
    }

    /** {@code UNENCRYPTED_SRTP} changes nothing (nothing is encrypted); {@code UNAUTHENTICATED_SRTP} would leave no protection at all. */
    @Override
    protected SrtpTransform create(byte[] masterKey, byte[] masterSalt, long keyDerivationRate,
            boolean encryptRtp, boolean authenticateRtp) {
        if (!authenticateRtp) {
            throw new IllegalArgumentException(NAME + " only authenticates: UNAUTHENTICATED_SRTP would leave nothing");
        }
        return new NullSha1Transform(masterKey, masterSalt, keyDerivationRate);
    }
}
