package dev.siprec.siprec.internal;

import java.util.List;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.media.api.MediaService;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.siprec.internal.metadata.MetadataParser;

/** The service side of {@link CallContext}: the currently bound services, a missing one as {@link ServiceUnavailableException}. */
abstract class ServiceContext implements CallContext {
    final Services services;
    private final MetadataParser metadataParser = new MetadataParser();

    ServiceContext(Services services) {
        this.services = services;
    }

    @Override
    public SdpAnswerer answerer() {
        return required(services.answerer(), "SDP answerer");
    }

    @Override
    public SdpCodec sdpCodec() {
        return required(services.sdpCodec(), "SDP codec");
    }

    @Override
    public MediaService media() {
        return required(services.media(), "media service");
    }

    private static <T> T required(T service, String name) {
        if (service == null) {
            throw new ServiceUnavailableException(name);
        }
        return service;
    }

    @Override
    public List<SinkFanout.NamedSink> sinks() {
        return services.sinks();
    }

    @Override
    public KeyManager keyManager() {
        return services.keyManager();
    }

    @Override
    public MetadataParser metadataParser() {
        return metadataParser;
    }

    @Override
    public void started(RecordingSession session) {
        countStarted();
        ListenerEvents.started(services.listeners(), session);
    }

    /** Counts a started session; the session manager overrides it. */
    void countStarted() {
    }

    @Override
    public void updated(RecordingSession session) {
        ListenerEvents.updated(services.listeners(), session);
    }

}
