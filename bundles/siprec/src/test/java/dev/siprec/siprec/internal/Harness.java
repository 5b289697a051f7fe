package dev.siprec.siprec.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.media.api.MediaService;
import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.SessionListener;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.internal.SdpCodecComponent;

/** Wires a {@link SessionManager} to test doubles, a controllable clock and a direct executor. */
class Harness implements Services {
    static final String BOUNDARY = "OSS-unique-boundary-42";

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final SdpCodec codec = new SdpCodecComponent();
    final FakeSdp sdp = new FakeSdp(codec);
    final FakeMedia media = new FakeMedia();
    final FakeSink sink = new FakeSink();
    final List<SinkFanout.NamedSink> sinks = new ArrayList<>(List.of(new SinkFanout.NamedSink("fake", sink)));
    final MutableClock clock = new MutableClock();
    final List<String> events = new ArrayList<>();
    final int[] keysIssued = new int[1];
    final List<SrtpMasterKey> issued = new ArrayList<>();
    KeyManager keyManager = new KeyManager() {
        @Override
        public SrtpMasterKey newMasterKey(int keyLength, int saltLength, long lifetime) {
            keysIssued[0]++;
            byte[] key = new byte[keyLength];
            byte[] salt = new byte[saltLength];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(key);
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(salt);
            SrtpMasterKey k = new SrtpMasterKey(key, salt, lifetime, null);
            issued.add(k);
            return k;
        }

        @Override
        public int liveKeys() {
            return (int) issued.stream().filter(k -> !k.isDestroyed()).count();
        }
    };
    final SessionListener listener = new SessionListener() {
        @Override public void started(RecordingSession s) { events.add("started " + s.id()); }
        @Override public void updated(RecordingSession s) { events.add("updated " + s.id()); }
        @Override public void ended(RecordingSession s, EndReason r) { events.add("ended " + r); }
    };
    final SessionManager manager;

    Harness() {
        this(Map.of());
    }

    Harness(Map<String, Object> config) {
        manager = new SessionManager(settings(config), this, clock, Runnable::run);
    }

    /** With the session executor and the end executor given (tasks queued or refused by the test). */
    Harness(java.util.concurrent.Executor executor, java.util.concurrent.Executor endExecutor) {
        manager = new SessionManager(settings(Map.of()), this, clock, executor, endExecutor);
    }

    static Settings settings(Map<String, Object> config) {
        return Settings.of(Converters.standardConverter().convert(new HashMap<>(config)).to(SessionConfig.class));
    }

    SdpAnswerer answerer = sdp;

    @Override public SdpAnswerer answerer() { return answerer; }
    @Override public SdpCodec sdpCodec() { return codec; }
    @Override public MediaService media() { return media; }
    @Override public List<SinkFanout.NamedSink> sinks() { return sinks; }
    @Override public KeyManager keyManager() { return keyManager; }
    @Override public List<SessionListener> listeners() { return List.of(listener); }

    // ---- message builders ----

    static String offer(String... mlines) {
        StringBuilder b = new StringBuilder("v=0\r\no=SRC 100 1 IN IP4 192.0.2.10\r\ns=SIPREC\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n");
        for (String m : mlines) {
            b.append(m);
        }
        return b.toString();
    }

    static String audio(int port, String label, String direction) {
        return "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + (label == null ? "" : "a=label:" + label + "\r\n") + "a=" + direction + "\r\n";
    }

    static String srtpAudio(int port, String label, String key, String lifetime) {
        return "m=audio " + port + " RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=label:" + label + "\r\na=sendonly\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + (lifetime == null ? "" : "|" + lifetime) + "\r\n";
    }

    static String twoStreams() {
        return offer(audio(10000, "1", "sendonly"), audio(10002, "2", "sendonly"));
    }

    static String multipart(String sdp, String metadata, boolean metadataFirst, boolean disposition) {
        String sdpPart = "Content-Type: application/sdp\r\n\r\n" + sdp;
        String mdPart = "Content-Type: application/rs-metadata+xml\r\n"
                + (disposition ? "Content-Disposition: recording-session\r\n" : "") + "\r\n" + metadata;
        String first = metadataFirst ? mdPart : sdpPart;
        String second = metadataFirst ? sdpPart : mdPart;
        return "--" + BOUNDARY + "\r\n" + first + "\r\n--" + BOUNDARY + "\r\n" + second + "\r\n--" + BOUNDARY + "--\r\n";
    }

    static FakeSip.Request invite(String contentType, String body) {
        FakeSip.Request r = new FakeSip.Request("INVITE");
        r.header("Require", "siprec");
        r.header("Contact", "<sip:src@192.0.2.10:5070>;+sip.src");
        if (body != null) {
            r.body(contentType, body);
        }
        return r;
    }

    static FakeSip.Request multipartInvite(String sdp, String metadata) {
        return invite("multipart/mixed;boundary=" + BOUNDARY, multipart(sdp, metadata, false, true));
    }

    static FakeSip.Connection udp() {
        return new FakeSip.Connection("UDP", "192.0.2.10", 5070);
    }

    FakeSip.Server send(FakeSip.Request r) {
        return send(r, udp(), null);
    }

    FakeSip.Server send(FakeSip.Request r, FakeSip.Connection c, FakeSip.FakeDialog dialog) {
        FakeSip.Server s = new FakeSip.Server(r, c, dialog);
        manager.handle(s);
        return s;
    }

    /** An in-dialog request of the call set up by {@code initial}. */
    FakeSip.Server inDialog(FakeSip.Server initial, String method, String contentType, String body) {
        FakeSip.Request r = new FakeSip.Request(method);
        r.callId = initial.request.callId;
        r.fromTag = initial.request.fromTag;
        r.toTag = "srs-tag";
        r.cseq = initial.request.cseq + 1;
        if (body != null) {
            r.body(contentType, body);
        }
        return send(r, initial.connection, initial.dialog);
    }

    String onlyId() {
        return manager.sessions().get(0).session().id();
    }
}
