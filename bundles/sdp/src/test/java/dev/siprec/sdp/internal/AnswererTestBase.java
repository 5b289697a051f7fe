package dev.siprec.sdp.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;

/** Wiring shared by the offer/answer tests: doubles for the registry and key manager, real config parsing. */
abstract class AnswererTestBase {
    final SdpCodecComponent codec = new SdpCodecComponent();
    final Fixtures.Registry registry = new Fixtures.Registry().withAll();
    final Fixtures.Keys keys = new Fixtures.Keys();
    final SrtpNegotiationConfig srtp = new SrtpNegotiationConfig();
    final Map<Integer, LocalEndpoint> endpoints = new HashMap<>();
    final KeyExchanges kexes = Fixtures.kexes(registry.service, keys, codec);

    AnswererTestBase() {
        srtp.configure(Fixtures.srtpConfig(Map.of()));
    }

    SdpAnswererComponent answerer(Map<String, Object> sdpConfig) {
        return new SdpAnswererComponent(registry.service, srtp, kexes, Fixtures.sdpConfig(sdpConfig));
    }

    AnswerSession session() {
        return answerer(Map.of()).newSession("IP4", "192.0.2.200", "TLS");
    }

    /** Ports 40000 + 2 * index on 192.0.2.200, recorded per m-line. */
    final MediaEndpoints ports = nm -> {
        LocalEndpoint e = new LocalEndpoint("IP4", "192.0.2.200", 40000 + 2 * nm.index(), 40001 + 2 * nm.index());
        endpoints.put(nm.index(), e);
        return Optional.of(e);
    };

    void policy(String policy, String... suites) {
        Map<String, Object> p = new HashMap<>();
        p.put("policy", policy);
        if (suites.length > 0) {
            p.put("suites", suites);
        }
        srtp.configure(Fixtures.srtpConfig(p));
    }

    SessionDescription parse(String text) throws SdpParseException {
        return codec.parse(text);
    }

    OfferAnswer answer(AnswerSession s, String offer) throws SdpParseException {
        return s.answer(parse(offer), ports);
    }

    String offerFile(String name) {
        return Fixtures.resource("offers/" + name);
    }

    static String head() {
        return "v=0\r\no=- 100 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n";
    }

    static String audio(int port, String proto, String extra) {
        return "m=audio " + port + " " + proto + " 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" + extra;
    }

    static String crypto(int tag, String suite, int bytes, int seed, String tail) {
        return "a=crypto:" + tag + " " + suite + " inline:" + CryptoCodecTest.key(bytes, seed) + tail + "\r\n";
    }

    CryptoAttribute answeredCrypto(OfferAnswer oa, int index) throws SdpParseException {
        return CryptoCodec.parse(oa.answer().media().get(index).attribute("crypto").orElseThrow());
    }
}
