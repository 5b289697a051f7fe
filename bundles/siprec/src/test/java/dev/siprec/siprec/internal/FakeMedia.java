package dev.siprec.siprec.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.siprec.media.api.MediaException;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.MediaService;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.sdp.api.LocalEndpoint;

/** A media layer that hands out port pairs and records what the receivers are told. */
final class FakeMedia implements MediaService {
    final List<Receiver> receivers = new ArrayList<>();
    int nextPort = 40000;
    int freePairs = 100;

    @Override
    public synchronized MediaReceiver allocate(String sessionId, String streamKey, boolean rtcpMux) throws MediaException {
        if (freePairs <= 0) {
            throw new MediaException("no free RTP port pair");
        }
        freePairs--;
        Receiver r = new Receiver(sessionId, streamKey, nextPort, rtcpMux);
        nextPort += 2;
        receivers.add(r);
        return r;
    }

    @Override
    public List<StreamStatistics> receivers() {
        return receivers.stream().filter(r -> !r.closed).map(Receiver::statistics).toList();
    }

    @Override
    public int outputSampleRate(List<dev.siprec.sdp.api.Codec> codecs) {
        String first = codecs.stream().filter(dev.siprec.sdp.api.Codec::isAudio).map(c -> c.encoding()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no audio codec"));
        return "G722".equalsIgnoreCase(first) ? 16000 : "opus".equalsIgnoreCase(first) ? 48000 : 8000;
    }

    @Override
    public int freePorts() {
        return freePairs * 2;
    }

    Receiver receiver(String key) {
        return receivers.stream().filter(r -> r.streamKey.equals(key)).reduce((a, b) -> b).orElseThrow();
    }

    final class Receiver implements MediaReceiver {
        final String sessionId;
        final String streamKey;
        final int port;
        final boolean rtcpMux;
        final List<StreamSettings> settings = new ArrayList<>();
        RecordingSink.Session output;
        boolean closed;
        long received;
        Instant lastPacket;

        Receiver(String sessionId, String streamKey, int port, boolean rtcpMux) {
            this.sessionId = sessionId;
            this.streamKey = streamKey;
            this.port = port;
            this.rtcpMux = rtcpMux;
        }

        @Override
        public LocalEndpoint local() {
            return new LocalEndpoint("IP4", "127.0.0.1", port, rtcpMux ? port : port + 1);
        }

        @Override
        public void start(StreamSettings s, RecordingSink.Session out) {
            if (output != null) {
                throw new IllegalStateException("started");
            }
            settings.add(s);
            output = out;
        }

        @Override
        public void update(StreamSettings s) {
            settings.add(s);
        }

        StreamSettings current() {
            return settings.get(settings.size() - 1);
        }

        @Override
        public StreamStatistics statistics() {
            StreamSettings now = settings.isEmpty() ? null : current();
            String suite = now == null ? null : now.keys() != null ? now.keys().info().suite()
                    : now.srtp() != null ? now.srtp().suite() : null;
            return new StreamStatistics(sessionId, streamKey, port, null, "PCMU", 8000, suite, List.of(), received, 0, 0, 0, 0, 0,
                    0, 0, 0, null, lastPacket);
        }

        @Override
        public void close() {
            if (!closed && output != null) {
                output.audio(streamKey, 0, new short[] {1, 2}, 0, 2); // what the jitter buffer flushes
            }
            closed = true;
        }
    }
}
