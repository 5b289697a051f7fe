package dev.siprec.recording.wav.internal;

import java.nio.file.Path;

/**
 * Validated settings of the sink.
 *
 * @param directory root of the recordings
 * @param flushIntervalMillis how often headers and {@code session.json} are brought up to date
 * @param minFreeBytes below this many usable bytes new sessions are refused
 * @param stereo whether to write {@code stereo.wav}
 * @param rf64ThresholdBytes RIFF size above which a file switches to RF64
 * @param alignWindowMillis how much audio the stereo mix buffers while aligning
 * @param queueSeconds how many seconds of audio per stream the writer queue holds
 * @param forceStart whether a new session's first summary and folders are forced just after the call is answered
 */
record SinkSettings(Path directory, long flushIntervalMillis, long minFreeBytes, boolean stereo, long rf64ThresholdBytes,
                    long alignWindowMillis, int queueSeconds, boolean forceStart) {

    /** Settings with the first summary forced at start (the default). */
    SinkSettings(Path directory, long flushIntervalMillis, long minFreeBytes, boolean stereo, long rf64ThresholdBytes,
                 long alignWindowMillis, int queueSeconds) {
        this(directory, flushIntervalMillis, minFreeBytes, stereo, rf64ThresholdBytes, alignWindowMillis, queueSeconds, true);
    }

    SinkSettings {
        if (flushIntervalMillis < 10 || flushIntervalMillis > 1000) {
            throw new IllegalArgumentException("flush.interval.ms must be between 10 and 1000 (files are flushed at least every second): "
                    + flushIntervalMillis);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("min.free.bytes must not be negative: " + minFreeBytes);
        }
        if (rf64ThresholdBytes < 1024 || rf64ThresholdBytes > WavHeader.MAX_RIFF_SIZE - 64 * 1024) {
            throw new IllegalArgumentException("rf64.threshold.bytes must be between 1024 and " + (WavHeader.MAX_RIFF_SIZE - 64 * 1024)
                    + ": " + rf64ThresholdBytes);
        }
        if (alignWindowMillis < 100 || alignWindowMillis > 60_000) {
            throw new IllegalArgumentException("stereo.align.window.ms must be between 100 and 60000: " + alignWindowMillis);
        }
        if (queueSeconds < 1 || queueSeconds > 600) {
            throw new IllegalArgumentException("queue.seconds must be between 1 and 600: " + queueSeconds);
        }
    }
}
