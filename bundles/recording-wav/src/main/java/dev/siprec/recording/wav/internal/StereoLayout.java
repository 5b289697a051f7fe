package dev.siprec.recording.wav.internal;

import java.util.List;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;

/**
 * Which stream goes left in {@code stereo.wav}: the one sent by the first participant of the
 * metadata (RFC 7865 §6.5 {@code send} elements; recording clients list the calling party first)
 * that sends exactly one of the two; without such metadata, the stream with the lower label
 * (numerically when both are numbers), then the lower m-line index.
 */
final class StereoLayout {
    private StereoLayout() {
    }

    /** @return {@code true} when {@code a} is the left channel, {@code false} when {@code b} is. */
    static boolean firstIsLeft(RecordingSession session, MediaStream a, MediaStream b) {
        if (session != null) {
            for (Participant p : session.participants()) {
                boolean sendsA = sends(p.sends(), a);
                boolean sendsB = sends(p.sends(), b);
                if (sendsA != sendsB) {
                    return sendsA;
                }
            }
        }
        return compareLabels(a, b) <= 0;
    }

    private static boolean sends(List<String> ids, MediaStream s) {
        for (String id : ids) {
            if (id.equals(s.streamId()) || id.equals(s.label())) {
                return true;
            }
        }
        return false;
    }

    static int compareLabels(MediaStream a, MediaStream b) {
        String la = a.label();
        String lb = b.label();
        if (la != null && lb != null) {
            if (la.matches("\\d{1,18}") && lb.matches("\\d{1,18}")) {
                int c = Long.compare(Long.parseLong(la), Long.parseLong(lb));
                if (c != 0) {
                    return c;
                }
            } else if (!la.equals(lb)) {
                return la.compareTo(lb);
            }
        } else if (la != null || lb != null) {
            return la != null ? -1 : 1;
        }
        return Integer.compare(a.mLineIndex(), b.mLineIndex());
    }
}
