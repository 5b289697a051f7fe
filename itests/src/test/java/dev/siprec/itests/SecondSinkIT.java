package dev.siprec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.RecordingSink;
import dev.siprec.recording.api.RecordingSinkRegistry;

/**
 * Recording sinks are a whiteboard: a second sink registered while the server runs receives the
 * next recording session — its streams, its metadata and its end — beside the WAV sink, without any
 * change to the core.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecondSinkIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    RecordingSinkRegistry sinks;

    @Configuration
    public Option[] config() {
        return Distribution.frameworkOptions("sinks");
    }

    @Test
    public void aSinkRegisteredAtRuntimeReceivesTheNextSession() throws Exception {
        int port = freePort();
        configure("dev.siprec.media", "bind.address", "127.0.0.1", "advertised.address", "127.0.0.1");
        org.osgi.service.cm.Configuration udp = configAdmin.getFactoryConfiguration("dev.siprec.transport.udp", "sinks", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bind.address", "127.0.0.1");
        props.put("port", port);
        udp.update(props);
        assertTrue(Await.until(WAIT, () -> answers(port)));

        RecordingSinkTap tap = new RecordingSinkTap();
        Dictionary<String, Object> sinkProps = new Hashtable<>();
        sinkProps.put(RecordingSink.SINK, "tap");
        ServiceRegistration<RecordingSink> reg = context.registerService(RecordingSink.class, tap, sinkProps);
        try {
            assertTrue(Await.until(WAIT, () -> sinks.names().containsAll(List.of("wav", "tap"))));
            String callId = "second-sink-" + UUID.randomUUID();
            String ok = SipProbe.udp(port, SiprecMessages.invite(callId, port), 5000);
            assertNotNull("no answer to the recording INVITE", ok);
            assertTrue(SipProbe.firstLine(ok), ok.startsWith("SIP/2.0 200"));
            String toTag = SiprecMessages.toTag(ok);
            SipProbe.udp(port, SiprecMessages.ack(callId, port, toTag), 200);
            assertEquals("SIP/2.0 200 OK", SipProbe.firstLine(SipProbe.udp(port, SiprecMessages.bye(callId, port, toTag), 5000)));

            assertTrue("tap sink did not see the session end", Await.until(WAIT, () -> tap.ended.size() == 1));
            assertEquals(callId, tap.opened.get(0).callId());
            assertEquals(2, tap.streams.size());
            assertEquals(1, tap.metadataVersions.size());
            assertEquals(EndReason.BYE, tap.ended.get(0));
        } finally {
            reg.unregister();
            udp.delete();
        }
    }

    private void configure(String pid, String... keyValues) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }

    private static boolean answers(int port) {
        try {
            String r = SipProbe.udpOptions(port);
            return r != null && r.startsWith("SIP/2.0 200");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Records what the server hands to a sink. */
    static final class RecordingSinkTap implements RecordingSink {
        final List<RecordingSession> opened = new CopyOnWriteArrayList<>();
        final List<MediaStream> streams = new CopyOnWriteArrayList<>();
        final List<Integer> metadataVersions = new CopyOnWriteArrayList<>();
        final List<EndReason> ended = new CopyOnWriteArrayList<>();

        @Override
        public Session open(RecordingSession session) {
            opened.add(session);
            return new Session() {
                @Override
                public void streamAdded(MediaStream stream) {
                    streams.add(stream);
                }

                @Override
                public void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count) {
                }

                @Override
                public void dtmf(String streamKey, char digit, long samplePosition, int durationMillis) {
                }

                @Override
                public void metadata(int version, byte[] body, RecordingSession parsed) {
                    metadataVersions.add(version);
                }

                @Override
                public void updated(RecordingSession state) {
                }

                @Override
                public void end(EndReason reason) {
                    ended.add(reason);
                }
            };
        }
    }

    /** A minimal SIPREC dialog written out by hand (RFC 7866 §6, RFC 7865). */
    static final class SiprecMessages {
        private SiprecMessages() {
        }

        static String invite(String callId, int port) {
            String sdp = "v=0\r\no=SRC 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 16000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=label:1\r\na=sendonly\r\n"
                    + "m=audio 16002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=label:2\r\na=sendonly\r\n";
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                    + "<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\"><datamode>complete</datamode>"
                    + "<session session_id=\"c2Vzcw==\"/>"
                    + "<participant participant_id=\"cDE=\"><nameID aor=\"sip:alice@example.com\"/></participant>"
                    + "<stream stream_id=\"czE=\" session_id=\"c2Vzcw==\"><label>1</label></stream>"
                    + "<stream stream_id=\"czI=\" session_id=\"c2Vzcw==\"><label>2</label></stream>"
                    + "<participantstreamassoc participant_id=\"cDE=\"><send>czE=</send><recv>czI=</recv></participantstreamassoc>"
                    + "</recording>\r\n";
            String body = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + sdp
                    + "--b1\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n" + xml
                    + "--b1--\r\n";
            return request("INVITE", callId, port, null, 1)
                    .replace("Content-Length: 0\r\n", "Require: siprec\r\nContact: <sip:src@127.0.0.1:5999>;+sip.src\r\n"
                            + "Content-Type: multipart/mixed;boundary=b1\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                    + body;
        }

        static String ack(String callId, int port, String toTag) {
            return request("ACK", callId, port, toTag, 1);
        }

        static String bye(String callId, int port, String toTag) {
            return request("BYE", callId, port, toTag, 2);
        }

        private static String request(String method, String callId, int port, String toTag, int cseq) {
            return method + " sip:srs@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-" + UUID.randomUUID() + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:src@127.0.0.1>;tag=src1\r\n"
                    + "To: <sip:srs@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " " + method + "\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }

        static String toTag(String response) {
            for (String line : response.split("\r\n")) {
                if (line.regionMatches(true, 0, "To:", 0, 3) || line.regionMatches(true, 0, "t:", 0, 2)) {
                    int i = line.indexOf("tag=");
                    if (i >= 0) {
                        return line.substring(i + 4).split("[;>\\s]")[0];
                    }
                }
            }
            throw new AssertionError("no To tag in " + response);
        }
    }
}
