package dev.siprec.sdp.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.util.converter.Converters;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.keys.api.KeyManager;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpTransform;
import dev.siprec.srtp.sdes.internal.SdesKeyExchange;

/**
 * Test fixture (test classpath only): the real SDP answerer of bundle dev.siprec.sdp configured to
 * negotiate AES_CM_128_HMAC_SHA1_80, with a registry holding a suite stub (lengths only; nothing is
 * encrypted here) and the caller's key manager.
 */
public final class SrtpAnswererFixture {
    private SrtpAnswererFixture() {
    }

    /** The SDES key exchange of bundle dev.siprec.srtp.sdes, as the whiteboard would bind it. */
    public static KeyExchanges kexes(SrtpCryptoSuiteRegistry registry, KeyManager keys) {
        KeyExchanges kexes = new KeyExchanges();
        kexes.add(new SdesKeyExchange(registry, keys, new SdpCodecComponent()), Map.of(KeyExchange.NAME, KeyExchange.SDES,
                KeyExchange.PROTOCOLS, new String[] {"RTP/SAVP", "RTP/SAVPF"}, "service.id", 1L));
        return kexes;
    }

    public static SdpAnswerer answerer(KeyManager keys) {
        SrtpCryptoSuite suite = new SrtpCryptoSuite() {
            @Override public String name() { return "AES_CM_128_HMAC_SHA1_80"; }
            @Override public int masterKeyLength() { return 16; }
            @Override public int masterSaltLength() { return 14; }
            @Override public int srtpAuthTagLength() { return 10; }
            @Override public int srtcpAuthTagLength() { return 10; }
            @Override public boolean aead() { return false; }
            @Override public long srtpLifetime() { return 1L << 48; }
            @Override public long srtcpLifetime() { return 1L << 31; }
            @Override public SrtpTransform newTransform(byte[] k, byte[] s, long kdr, boolean e, boolean a) {
                throw new UnsupportedOperationException("not used by negotiation");
            }
        };
        SrtpCryptoSuiteRegistry registry = new SrtpCryptoSuiteRegistry() {
            @Override public Optional<SrtpCryptoSuite> suite(String name) {
                return suite.name().equals(name) ? Optional.of(suite) : Optional.empty();
            }
            @Override public List<String> names() { return List.of(suite.name()); }
            @Override public List<SuiteInfo> suites() { return List.of(); }
        };
        Map<String, Object> srtp = new HashMap<>();
        srtp.put("suites", new String[] {"AES_CM_128_HMAC_SHA1_80"});
        srtp.put("policy", "optional");
        SrtpNegotiationConfig negotiation = new SrtpNegotiationConfig();
        negotiation.configure(Converters.standardConverter().convert(srtp).to(SrtpNegotiationConfig.Config.class));
        SdpConfig config = Converters.standardConverter().convert(new HashMap<String, Object>()).to(SdpConfig.class);
        return new SdpAnswererComponent(registry, negotiation, kexes(registry, keys), config);
    }
}
