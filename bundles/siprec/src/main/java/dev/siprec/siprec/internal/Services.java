package dev.siprec.siprec.internal;

import java.util.List;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.media.api.MediaService;
import dev.siprec.recording.api.SessionListener;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;

/** The services the session logic uses, as currently bound; {@code null} when one is missing. */
interface Services {
    SdpAnswerer answerer();

    SdpCodec sdpCodec();

    MediaService media();

    List<SinkFanout.NamedSink> sinks();

    KeyManager keyManager();

    List<SessionListener> listeners();
}
