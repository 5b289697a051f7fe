package dev.siprec.srtp.suite.nullcipher.internal;

import org.osgi.service.component.annotations.Component;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.crypto.internal.NullSuite;

/**
 * {@code NULL_HMAC_SHA1_80} (RFC 3711 §4.1.3 NULL cipher, HMAC-SHA1 80-bit tag): media in clear,
 * authenticated. Off by default: the distribution ships this bundle in {@code optional/}, not in
 * {@code bundle/}; installing it (e.g. copying it into {@code deploy/}) is the opt-in, and
 * {@code dev.siprec.srtp} {@code suites} must also list it before it is negotiated.
 */
@Component(service = SrtpCryptoSuite.class, property = SrtpCryptoSuite.SUITE + "=NULL_HMAC_SHA1_80")
public final class NullHmacSha1_80 extends NullSuite {
}
