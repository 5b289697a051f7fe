package dev.siprec.siprec.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.media.api.MediaService;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.siprec.internal.metadata.MetadataParser;

/** What a recording call needs from the component: services (current bindings), settings, clock, events. */
interface CallContext {

    /** @throws IllegalStateException when the service is not available */
    SdpAnswerer answerer();

    /** @throws IllegalStateException when the service is not available */
    SdpCodec sdpCodec();

    /** @throws IllegalStateException when the service is not available */
    MediaService media();

    /** @return the registered sinks with their names, in ranking order. */
    List<SinkFanout.NamedSink> sinks();

    /** @return the key manager for re-keying offers, or {@code null} when none is registered. */
    KeyManager keyManager();

    MetadataParser metadataParser();

    Settings settings();

    Clock clock();

    /** @return the executor for work that must leave the SIP core's threads (responses to our requests). */
    Executor executor();

    void started(RecordingSession session);

    void updated(RecordingSession session);

    /** The call ended: listeners are told and the registry forgets it. */
    void ended(RecordingCall call, RecordingSession session, EndReason reason, boolean wasStarted);
}
