package dev.siprec.srtp.core.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.util.converter.Converters;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.spi.AesCmSuite;
import dev.siprec.srtp.spi.AesGcmSuite;
import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.spi.AesCmTransform;
import dev.siprec.srtp.spi.SuiteBase;

/** An engine with a registry holding the given suites, outside OSGi. */
final class Engines {
    static final List<SrtpCryptoSuite> ALL = List.of(
            new AesCmSuite("AES_CM_128_HMAC_SHA1_80", 16, 10),
            new AesCmSuite("AES_CM_128_HMAC_SHA1_32", 16, 4),
            new AesCmSuite("AES_192_CM_HMAC_SHA1_80", 24, 10),
            new AesCmSuite("AES_192_CM_HMAC_SHA1_32", 24, 4),
            new AesCmSuite("AES_256_CM_HMAC_SHA1_80", 32, 10),
            new AesCmSuite("AES_256_CM_HMAC_SHA1_32", 32, 4),
            new AesGcmSuite("AEAD_AES_128_GCM", 16),
            new AesGcmSuite("AEAD_AES_256_GCM", 32),
            new SuiteBase("NULL_HMAC_SHA1_80", 16, 14, 10, 10, false) {
                @Override
                protected SrtpTransform create(byte[] key, byte[] salt, long kdr, boolean encrypt, boolean authenticate) {
                    return new AesCmTransform(key, salt, kdr, 0, authenticate ? 10 : 0, 10, false);
                }
            });

    private Engines() {
    }

    static SuiteRegistry registry(List<SrtpCryptoSuite> suites) {
        SuiteRegistry r = new SuiteRegistry();
        for (SrtpCryptoSuite s : suites) {
            r.add(s, Map.of(SrtpCryptoSuite.SUITE, s.name(), "service.id", 1L), "test");
        }
        return r;
    }

    static SrtpEngineImpl engine(SuiteRegistry registry, Map<String, Object> config) {
        return new SrtpEngineImpl(registry, Converters.standardConverter().convert(new HashMap<>(config))
                .to(SrtpEngineImpl.Config.class));
    }

    static SrtpEngineImpl engine(SuiteRegistry registry, Map<String, Object> config, java.util.function.LongSupplier clock) {
        return new SrtpEngineImpl(registry, Converters.standardConverter().convert(new HashMap<>(config))
                .to(SrtpEngineImpl.Config.class), clock);
    }

    static SrtpEngineImpl engine() {
        return engine(registry(ALL), Map.of());
    }

    static SrtpCryptoSuite suite(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * A copy of {@code p} with copies of its master keys: {@code SrtpEngine.newSession} closes the keys
     * it is given, so a test that opens several sessions from one policy hands each a copy.
     */
    static dev.siprec.srtp.api.SrtpPolicy copy(dev.siprec.srtp.api.SrtpPolicy p) {
        List<dev.siprec.srtp.api.SrtpMasterKey> keys = p.keys().stream()
                .map(k -> new dev.siprec.srtp.api.SrtpMasterKey(k.key(), k.salt(), k.lifetime(), k.mki())).toList();
        return new dev.siprec.srtp.api.SrtpPolicy(p.suite(), keys, p.keyDerivationRate(), p.unencryptedSrtp(),
                p.unencryptedSrtcp(), p.unauthenticatedSrtp(), p.replayWindow(), p.maxStreams());
    }
}
