package dev.siprec.siprec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.SessionDetails;

/**
 * Recording INVITEs without metadata as vendors send them (src/test/resources/sdp): FreeSWITCH and
 * Metaswitch with one mixed m-line, Cisco network-based recording with two labelled m-lines.
 */
class VendorSdpTest {

    static String sdp(String name) {
        try (InputStream in = VendorSdpTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "freeswitch-mixed.sdp, m0, 24680, PCMU",
        "metaswitch-mixed.sdp, 1, 30000, PCMA",
        "cisco-two-streams.sdp, 1;2, 16384, PCMU"
    })
    void recordedWithoutMetadata(String file, String keys, int firstPort, String codec) {
        Harness h = new Harness();
        FakeSip.Server s = h.send(Harness.invite("application/sdp", sdp(file)));
        assertEquals(200, s.last().status(), s.last().reason());
        assertTrue(s.bodyText().contains("a=recvonly"), s.bodyText());
        SessionDetails d = h.manager.sessions().get(0);
        assertEquals(List.of(keys.split(";")), d.session().streams().stream().map(MediaStream::key).toList());
        FakeMedia.Receiver first = h.media.receivers.get(0);
        assertEquals(firstPort, first.current().remote().getPort());
        assertEquals(codec, first.current().codecs().get(0).encoding());
        assertTrue(first.current().receiving(), "sendrecv and sendonly offers are received");
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("no metadata")), d.notes().toString());
        assertEquals(0, d.session().metadataVersion());
    }
}
