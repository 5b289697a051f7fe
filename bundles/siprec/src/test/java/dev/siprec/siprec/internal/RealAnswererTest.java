package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.audio;
import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.offer;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.sdp.internal.SdpAnswererComponent;
import dev.siprec.sdp.internal.SdpConfig;
import dev.siprec.sdp.internal.SrtpNegotiationConfig;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/** The session logic against the real SDP answerer of bundle dev.siprec.sdp (plain RTP; no suites configured). */
class RealAnswererTest {

    private static Harness harness() {
        Harness h = new Harness();
        SrtpCryptoSuiteRegistry noSuites = new SrtpCryptoSuiteRegistry() {
            @Override public Optional<SrtpCryptoSuite> suite(String name) { return Optional.empty(); }
            @Override public List<String> names() { return List.of(); }
            @Override public List<SuiteInfo> suites() { return List.of(); }
        };
        KeyManager keys = new KeyManager() {
            @Override public SrtpMasterKey newMasterKey(int keyLength, int saltLength, long lifetime) { throw new IllegalStateException(); }
            @Override public int liveKeys() { return 0; }
        };
        SdpConfig config = Converters.standardConverter().convert(new HashMap<String, Object>()).to(SdpConfig.class);
        h.answerer = new SdpAnswererComponent(noSuites, new SrtpNegotiationConfig(),
                dev.siprec.sdp.internal.SrtpAnswererFixture.kexes(noSuites, keys), config);
        return h;
    }

    @Test
    void recordingInviteHoldResumeAndNewStream() throws Exception {
        Harness h = harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        assertEquals(200, call.last().status(), call.last().reason());
        String answer = call.bodyText();
        assertTrue(answer.contains("a=recvonly") && answer.contains("a=label:1") && answer.contains("a=label:2"), answer);
        assertTrue(answer.contains("m=audio 40000 ") && answer.contains("m=audio 40002 "), answer);
        assertEquals(List.of("PCMU", "telephone-event"),
                h.media.receiver("1").current().codecs().stream().map(c -> c.encoding()).toList());

        FakeSip.Server hold = h.inDialog(call, "INVITE", "application/sdp",
                offer(audio(10000, "1", "inactive"), audio(10002, "2", "sendonly")));
        assertEquals(200, hold.last().status(), hold.last().reason());
        assertFalse(h.media.receiver("1").current().receiving());
        assertTrue(h.media.receiver("2").current().receiving());
        assertEquals(2, h.media.receivers.size(), "ports kept across the re-offer");

        FakeSip.Server more = h.inDialog(call, "INVITE", "application/sdp",
                offer(audio(10000, "1", "sendonly"), audio(10002, "2", "sendonly"), audio(10004, "3", "sendonly")));
        assertEquals(200, more.last().status());
        assertEquals(List.of("1", "2", "3"), h.manager.sessions().get(0).session().streams().stream().map(MediaStream::key).toList());
        assertTrue(h.codec.parse(more.bodyText()).origin().sessionVersion() > h.codec.parse(hold.bodyText()).origin().sessionVersion());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"freeswitch-mixed.sdp", "metaswitch-mixed.sdp", "cisco-two-streams.sdp"})
    void vendorOffersAnswered(String file) throws Exception {
        Harness h = harness();
        FakeSip.Server s = h.send(invite("application/sdp", VendorSdpTest.sdp(file)));
        assertEquals(200, s.last().status(), s.last().reason());
        var answer = h.codec.parse(s.bodyText());
        var offer = h.codec.parse(VendorSdpTest.sdp(file));
        assertEquals(offer.media().size(), answer.media().size());
        answer.media().forEach(m -> assertEquals("recvonly", m.direction().orElseThrow().attributeName()));
        assertTrue(h.media.receivers.stream().allMatch(r -> r.current().receiving()));
    }

    @Test
    void srtpOfferWithoutSuitesIs488() {
        Harness h = harness();
        FakeSip.Server s = h.send(invite("application/sdp",
                offer(Harness.srtpAudio(10000, "1", RekeyTest.KEY, null))));
        assertEquals(488, s.last().status());
        assertTrue(s.header("Warning").endsWith("is not registered (no installed bundle provides it)\""),
                "the whole reason, not cut at 120 characters: " + s.header("Warning"));
        assertTrue(h.media.receivers.stream().allMatch(r -> r.closed));
    }
}
