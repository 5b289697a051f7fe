package dev.siprec.srtp.suite.nullcipher.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.crypto.internal.NullSuite;

/**
 * {@code NULL_HMAC_SHA1_80} (RFC 3711 §4.1.3 NULL cipher, HMAC-SHA1 80-bit tag): media in clear,
 * authenticated. Off by default: registered only while the configuration {@value #PID} exists
 * (e.g. an empty {@code etc/dev.siprec.srtp.suite.null.cfg}), for tests and debugging.
 */
@Component(service = SrtpCryptoSuite.class, configurationPid = NullHmacSha1_80.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SrtpCryptoSuite.SUITE + "=NULL_HMAC_SHA1_80")
@Designate(ocd = NullHmacSha1_80.Config.class)
public final class NullHmacSha1_80 extends NullSuite {
    static final String PID = "dev.siprec.srtp.suite.null";

    @ObjectClassDefinition(name = "SIPREC SRTP suite NULL_HMAC_SHA1_80",
            description = "Present to register the NULL cipher suite (no encryption); absent by default")
    public @interface Config {
    }
}
