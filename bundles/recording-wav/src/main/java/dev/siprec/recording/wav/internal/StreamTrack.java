package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.StreamSummary;

/**
 * One stream's file: places samples at their position, writing silence for gaps and dropping
 * samples for positions already written, so that the file's duration is the wall-clock time the
 * stream covered. When the stream is part of the stereo mix, the mix reads the file back and this
 * track forwards its timing.
 */
final class StreamTrack {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTrack.class);
    /** A jump further ahead than this is a sender or clock fault, not silence to write (it could fill the disk). */
    static final long MAX_GAP_SECONDS = 6 * 3600;

    private final MediaStream stream;
    private final String fileName;
    private final WavWriter writer;
    private long position;
    private long overlapped;
    private long rebase;
    private StereoMixer mixer;
    private int channel;
    private long startPosition;
    private Instant rtcpAnchor;
    private long rtcpAnchorPosition;
    private Instant arrivalAnchor;
    private long arrivalAnchorPosition;
    private StreamSummary summary;

    StreamTrack(MediaStream stream, String fileName, WavWriter writer) {
        this.stream = stream;
        this.fileName = fileName;
        this.writer = writer;
    }

    MediaStream stream() {
        return stream;
    }

    String fileName() {
        return fileName;
    }

    WavWriter writer() {
        return writer;
    }

    /** @return samples written so far (the file's duration in samples). */
    long position() {
        return position;
    }

    /** @return samples dropped because their position was already written. */
    long overlapped() {
        return overlapped;
    }

    StreamSummary summary() {
        return summary;
    }

    void summary(StreamSummary summary) {
        this.summary = summary;
    }

    /** Makes this track a channel of {@code mix}, from the current position on: the mix reads this track's file. */
    void attach(StereoMixer mix, int channelIndex) {
        this.mixer = mix;
        this.channel = channelIndex;
        this.startPosition = position;
        mix.source(channelIndex, writer);
        if (rtcpAnchor != null) {
            mix.timing(channelIndex, rtcpAnchorPosition, rtcpAnchor, true);
        }
        if (arrivalAnchor != null) {
            mix.timing(channelIndex, arrivalAnchorPosition, arrivalAnchor, false);
        }
    }

    long startPosition() {
        return startPosition;
    }

    void audio(long samplePosition, short[] pcm, int offset, int count) throws IOException {
        int off = offset;
        int n = count;
        long pos = samplePosition - rebase;
        if (pos - position > MAX_GAP_SECONDS * stream.sampleRate()) {
            LOG.warn("stream {}: sample position jumps {} s ahead, recorded as contiguous instead of as silence", stream.key(),
                    (pos - position) / stream.sampleRate());
            rebase += pos - position;
            pos = position;
        }
        if (pos < position) {
            int skip = (int) Math.min(n, position - pos);
            overlapped += skip;
            off += skip;
            n -= skip;
            pos += skip;
        }
        if (n == 0) {
            return;
        }
        if (pos > position) {
            writer.writeSilence(pos - position);
        }
        writer.write(pcm, off, n);
        position = pos + n;
    }

    void timing(long samplePosition, Instant wallClock, boolean fromRtcp) {
        if (fromRtcp) {
            rtcpAnchor = wallClock;
            rtcpAnchorPosition = samplePosition;
        } else if (arrivalAnchor == null) {
            arrivalAnchor = wallClock;
            arrivalAnchorPosition = samplePosition;
        }
        if (mixer != null) {
            mixer.timing(channel, samplePosition - rebase, wallClock, fromRtcp);
        }
    }

    /** @return the wall-clock time of {@code samplePosition}, or {@code null} without timing. */
    Instant wallClock(long samplePosition) {
        Instant anchor = rtcpAnchor != null ? rtcpAnchor : arrivalAnchor;
        long anchorPos = rtcpAnchor != null ? rtcpAnchorPosition : arrivalAnchorPosition;
        if (anchor == null) {
            return null;
        }
        return anchor.plusNanos(Math.round((samplePosition - anchorPos) * 1e9 / stream.sampleRate()));
    }
}
