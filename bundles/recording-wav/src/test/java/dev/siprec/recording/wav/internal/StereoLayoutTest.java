package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;

class StereoLayoutTest {
    private final MediaStream s1 = Fixtures.stream("1", "1", "sA", 0, 8000);
    private final MediaStream s2 = Fixtures.stream("2", "2", "sB", 1, 8000);

    @Test
    void firstParticipantsStreamGoesLeft() {
        RecordingSession callerSendsSecond = Fixtures.session("x", "c", List.of(
                Fixtures.participant("p-caller", "sip:alice@a", List.of("sB"), List.of("sA")),
                Fixtures.participant("p-callee", "sip:bob@b", List.of("sA"), List.of("sB"))), List.of(s1, s2));
        assertFalse(StereoLayout.firstIsLeft(callerSendsSecond, s1, s2));
        assertTrue(StereoLayout.firstIsLeft(callerSendsSecond, s2, s1));
    }

    @Test
    void sendListsMayNameLabels() {
        RecordingSession s = Fixtures.session("x", "c", List.of(
                Fixtures.participant("p", "sip:a@a", List.of("2"), List.of())), List.of(s1, s2));
        assertFalse(StereoLayout.firstIsLeft(s, s1, s2));
    }

    @Test
    void withoutMetadataTheLowerLabelGoesLeft() {
        RecordingSession none = Fixtures.session("x", "c", List.of(), List.of());
        MediaStream l10 = Fixtures.stream("10", "10", null, 0, 8000);
        MediaStream l9 = Fixtures.stream("9", "9", null, 1, 8000);
        assertFalse(StereoLayout.firstIsLeft(none, l10, l9), "numeric labels compare as numbers");
        assertTrue(StereoLayout.firstIsLeft(none, Fixtures.stream("a", "alpha", null, 3, 8000), Fixtures.stream("b", "beta", null, 0, 8000)));
        assertTrue(StereoLayout.firstIsLeft(none, Fixtures.stream("m0", null, null, 0, 8000), Fixtures.stream("m1", null, null, 1, 8000)));
        assertTrue(StereoLayout.firstIsLeft(null, s1, s2));
    }

    @Test
    void participantSendingBothDoesNotDecide() {
        RecordingSession s = Fixtures.session("x", "c", List.of(
                Fixtures.participant("mixer", null, List.of("sA", "sB"), List.of()),
                Fixtures.participant("p2", null, List.of("sB"), List.of())), List.of(s1, s2));
        assertFalse(StereoLayout.firstIsLeft(s, s1, s2));
    }
}
