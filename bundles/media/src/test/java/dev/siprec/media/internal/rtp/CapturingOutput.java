package dev.siprec.media.internal.rtp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;

/** A sink session that keeps everything, checking that audio positions are contiguous. */
public final class CapturingOutput implements RecordingSink.Session {
    public record Dtmf(String key, char digit, long position, int durationMillis) {
    }

    public record Timing(String key, long position, Instant wallClock, boolean fromRtcp) {
    }

    private short[] samples = new short[16000];
    private int length;
    public final List<Dtmf> dtmf = Collections.synchronizedList(new ArrayList<>());
    public final List<Timing> timings = Collections.synchronizedList(new ArrayList<>());
    public volatile String error;

    @Override
    public synchronized void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count) {
        if (samplePosition != length && error == null) {
            error = "audio at " + samplePosition + " but " + length + " samples written";
        }
        if (length + count > samples.length) {
            samples = java.util.Arrays.copyOf(samples, Math.max(samples.length * 2, length + count));
        }
        System.arraycopy(pcm, offset, samples, length, count);
        length += count;
    }

    @Override
    public void timing(String streamKey, long samplePosition, Instant wallClock, boolean fromRtcp) {
        timings.add(new Timing(streamKey, samplePosition, wallClock, fromRtcp));
    }

    @Override
    public void dtmf(String streamKey, char digit, long samplePosition, int durationMillis) {
        dtmf.add(new Dtmf(streamKey, digit, samplePosition, durationMillis));
    }

    public synchronized int length() {
        return length;
    }

    public synchronized short[] samples() {
        return java.util.Arrays.copyOf(samples, length);
    }

    @Override
    public void streamAdded(MediaStream stream) {
    }

    @Override
    public void metadata(int version, byte[] body, RecordingSession parsed) {
    }

    @Override
    public void updated(RecordingSession state) {
    }

    @Override
    public void end(EndReason reason) {
    }
}
