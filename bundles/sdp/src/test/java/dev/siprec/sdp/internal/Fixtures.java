package dev.siprec.sdp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.util.converter.Converters;

import dev.siprec.srtp.sdes.internal.SdesKeyExchange;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * Test doubles: SRTP suites with the real lengths of RFC 4568 §6.2, RFC 6188 §7 and RFC 7714 §12
 * (no cryptography: the real suites live in other bundles), a registry of them, a key manager and
 * configurations built through the OSGi converter.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** name -> {key length, salt length, srtp tag, aead}. */
    static final Map<String, int[]> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("AES_CM_128_HMAC_SHA1_80", new int[] {16, 14, 10, 0});
        SUITES.put("AES_CM_128_HMAC_SHA1_32", new int[] {16, 14, 4, 0});
        SUITES.put("AES_192_CM_HMAC_SHA1_80", new int[] {24, 14, 10, 0});
        SUITES.put("AES_192_CM_HMAC_SHA1_32", new int[] {24, 14, 4, 0});
        SUITES.put("AES_256_CM_HMAC_SHA1_80", new int[] {32, 14, 10, 0});
        SUITES.put("AES_256_CM_HMAC_SHA1_32", new int[] {32, 14, 4, 0});
        SUITES.put("AEAD_AES_128_GCM", new int[] {16, 12, 16, 1});
        SUITES.put("AEAD_AES_256_GCM", new int[] {32, 12, 16, 1});
    }

    /** A suite double answering only the descriptive methods. */
    static SrtpCryptoSuite suite(String name) {
        int[] s = SUITES.get(name);
        if (s == null) {
            throw new IllegalArgumentException(name);
        }
        return (SrtpCryptoSuite) Proxy.newProxyInstance(Fixtures.class.getClassLoader(),
                new Class<?>[] {SrtpCryptoSuite.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name", "toString" -> name;
                    case "masterKeyLength" -> s[0];
                    case "masterSaltLength" -> s[1];
                    case "srtpAuthTagLength" -> s[2];
                    case "srtcpAuthTagLength" -> s[3] == 1 ? 16 : 10;
                    case "aead" -> s[3] == 1;
                    case "srtpLifetime" -> 1L << 48;
                    case "srtcpLifetime" -> 1L << 31;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName() + " in a test double");
                });
    }

    /** A registry double whose suites tests add and remove. */
    static final class Registry {
        final Map<String, SrtpCryptoSuite> suites = new ConcurrentHashMap<>();
        final SrtpCryptoSuiteRegistry service = (SrtpCryptoSuiteRegistry) Proxy.newProxyInstance(
                Fixtures.class.getClassLoader(), new Class<?>[] {SrtpCryptoSuiteRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "suite" -> Optional.ofNullable(suites.get((String) args[0]));
                    case "names" -> suites.keySet().stream().sorted().toList();
                    case "toString" -> "test registry";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName() + " in a test double");
                });

        Registry with(String... names) {
            for (String n : names) {
                suites.put(n, suite(n));
            }
            return this;
        }

        Registry withAll() {
            return with(SUITES.keySet().toArray(new String[0]));
        }
    }

    /** A key manager double over SecureRandom that counts live keys. */
    static final class Keys implements KeyManager {
        final Set<SrtpMasterKey> live = ConcurrentHashMap.newKeySet();
        final SecureRandom random;
        int issued;
        boolean exhausted;

        Keys() {
            this(new SecureRandom());
        }

        Keys(SecureRandom random) {
            this.random = random;
        }

        @Override
        public synchronized SrtpMasterKey newMasterKey(int keyLength, int saltLength, long lifetime) {
            if (exhausted) {
                throw new IllegalStateException("test: key limit reached");
            }
            byte[] both = new byte[keyLength + saltLength];
            random.nextBytes(both);
            byte[] k = Arrays.copyOfRange(both, 0, keyLength);
            byte[] s = Arrays.copyOfRange(both, keyLength, both.length);
            SrtpMasterKey[] self = new SrtpMasterKey[1];
            self[0] = new SrtpMasterKey(k, s, lifetime, null, () -> live.remove(self[0]));
            live.add(self[0]);
            issued++;
            return self[0];
        }

        @Override
        public int liveKeys() {
            return live.size();
        }
    }

    /** The key exchanges of a running server: the real SDES one over the given doubles. */
    static KeyExchanges kexes(SrtpCryptoSuiteRegistry registry, KeyManager keys, SdpCodec codec) {
        KeyExchanges kexes = new KeyExchanges();
        kexes.add(new SdesKeyExchange(registry, keys, codec), Map.of(KeyExchange.NAME, KeyExchange.SDES,
                KeyExchange.PROTOCOLS, new String[] {"RTP/SAVP", "RTP/SAVPF"}, "service.id", 1L));
        return kexes;
    }

    static SrtpNegotiationConfig.Config srtpConfig(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(SrtpNegotiationConfig.Config.class);
    }

    static SdpConfig sdpConfig(Map<String, Object> props) {
        return Converters.standardConverter().convert(props).to(SdpConfig.class);
    }

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> CORPUS = List.of("oracle-acme-srtp.sdp", "cisco-cube.sdp", "audiocodes-srtp.sdp",
            "avaya-sbce.sdp", "broadworks-mixed.sdp", "freeswitch-opus.sdp", "opensips-siprec.sdp", "ipv6-srtp.sdp");
}
