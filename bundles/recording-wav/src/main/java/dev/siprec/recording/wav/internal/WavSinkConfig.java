package dev.siprec.recording.wav.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the WAV recording sink, PID {@value WavSink#PID}. */
@ObjectClassDefinition(id = WavSink.PID, name = "SIPREC WAV recording sink",
        description = "Writes each recording session to <directory>/<yyyy-mm-dd>/<session>/: stream-<label>.wav, stereo.wav, "
                + "metadata-<n>.xml and session.json.")
public @interface WavSinkConfig {

    /** Default free-space floor: 512 MiB. */
    long DEFAULT_MIN_FREE = 512L * 1024 * 1024;
    /** Default RF64 switch: 16 MiB under the 4 GiB RIFF limit. */
    long DEFAULT_RF64_THRESHOLD = 0xFFFFFFFFL - 16L * 1024 * 1024;

    @AttributeDefinition(name = "Directory", required = false,
            description = "Root of the recordings; empty means <siprec.data>/recordings (framework property siprec.data, default ./data)")
    String directory() default "";

    @AttributeDefinition(name = "Flush interval (ms)", description = "How often WAV headers and session.json are brought up to date (10-1000)")
    long flush_interval_ms() default 1000;

    @AttributeDefinition(name = "Minimum free bytes", description = "New sessions are refused (503) while the file store has less usable space")
    long min_free_bytes() default DEFAULT_MIN_FREE;

    @AttributeDefinition(name = "Stereo mix", description = "Write stereo.wav from the first two streams")
    boolean stereo() default true;

    @AttributeDefinition(name = "RF64 threshold (bytes)", description = "RIFF size above which a file switches in place to RF64 (EBU Tech 3306)")
    long rf64_threshold_bytes() default DEFAULT_RF64_THRESHOLD;

    @AttributeDefinition(name = "Stereo alignment window (ms)",
            description = "Audio buffered per channel while waiting for RTCP timing to align the stereo mix (100-60000)")
    long stereo_align_window_ms() default 5000;

    @AttributeDefinition(name = "Writer queue (s)", description = "Seconds of audio per stream the writer queue holds before dropping (1-600)")
    int queue_seconds() default 10;

    @AttributeDefinition(name = "Writer threads", description = "Threads writing files (1-64)")
    int writer_threads() default 2;

    @AttributeDefinition(name = "Force at start",
            description = "Force each new session's first session.json, its folder and the date folder to the device just after the "
                    + "call is answered (default). false saves those fsyncs: the date folder is forced at the end instead, and a "
                    + "power loss during a call can lose the call's folder altogether instead of leaving it to be repaired")
    boolean force_start() default true;
}
