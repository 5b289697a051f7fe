package dev.siprec.media.internal.rtp;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.RecordingSink;

/**
 * Calls the recording session's output on the media path so that a failing sink never breaks
 * reception: a runtime exception is counted and logged once per stream.
 */
public final class SafeOutput {
    private static final Logger LOG = LoggerFactory.getLogger(SafeOutput.class);

    private final String streamKey;
    private volatile RecordingSink.Session session;
    private long failures;

    public SafeOutput(String streamKey, RecordingSink.Session session) {
        this.streamKey = streamKey;
        this.session = session;
    }

    public String streamKey() {
        return streamKey;
    }

    public void audio(long position, short[] pcm, int offset, int count) {
        try {
            session.audio(streamKey, position, pcm, offset, count);
        } catch (RuntimeException e) {
            failed("audio", e);
        }
    }

    public void timing(long position, Instant wallClock, boolean fromRtcp) {
        try {
            session.timing(streamKey, position, wallClock, fromRtcp);
        } catch (RuntimeException e) {
            failed("timing", e);
        }
    }

    public void dtmf(char digit, long position, int durationMillis) {
        try {
            session.dtmf(streamKey, digit, position, durationMillis);
        } catch (RuntimeException e) {
            failed("dtmf", e);
        }
    }

    /** @return calls into the sink that threw */
    public long failures() {
        return failures;
    }

    private void failed(String what, RuntimeException e) {
        if (failures++ == 0) {
            LOG.warn("Recording output of stream {} failed in {}; further failures are counted only", streamKey, what, e);
        }
    }
}
