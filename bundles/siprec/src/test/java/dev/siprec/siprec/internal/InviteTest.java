package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.audio;
import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.multipartInvite;
import static dev.siprec.siprec.internal.Harness.offer;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.recording.api.SessionDetails;

/** The recording INVITE (RFC 7866 §6, §7, §8.1.1) and its refusals. */
class InviteTest {
    static final String CISCO_MD = new String(dev.siprec.siprec.internal.metadata.MetadataParserTest.resource("cisco.xml"),
            StandardCharsets.UTF_8);

    @Test
    void multipartInviteAnsweredWithSdpAndSrsContact() {
        Harness h = new Harness();
        FakeSip.Server s = h.send(multipartInvite(twoStreams(), CISCO_MD));
        assertEquals(200, s.last().status(), s.last().reason());
        assertEquals("application/sdp", s.last().contentType());
        String answer = s.bodyText();
        assertTrue(answer.contains("m=audio 40000 RTP/AVP") && answer.contains("m=audio 40002 RTP/AVP"), answer);
        assertTrue(answer.contains("a=recvonly") && answer.contains("a=label:1"), answer);
        assertEquals("<sip:127.0.0.1:5060>;+sip.srs", s.header("Contact"));
        SessionDetails d = h.manager.sessions().get(0);
        assertEquals(SessionDetails.RECORDING, d.state());
        RecordingSession rs = d.session();
        assertEquals("call-1@client.example", rs.callId());
        assertEquals("192.0.2.10:5070", rs.peer());
        assertEquals("UDP", rs.transport());
        assertEquals(List.of("1", "2"), rs.streams().stream().map(MediaStream::key).toList());
        assertEquals(List.of("Y2lzY28tc3RyZWFtLTE=", "Y2lzY28tc3RyZWFtLTI="), rs.streams().stream().map(MediaStream::streamId).toList());
        assertEquals(List.of("Y2lzY28tcGFydHktMQ==", "Y2lzY28tcGFydHktMg=="), rs.participants().stream().map(Participant::id).toList());
        assertEquals(List.of("Y2lzY28tc2Vzc2lvbi03"), rs.sessionIds());
        assertEquals(1, rs.metadataVersion());
        assertTrue(rs.id().matches("[A-Za-z0-9._-]+"), rs.id());
        // receivers started with the negotiated codecs, receiving, towards the offer's address
        FakeMedia.Receiver r1 = h.media.receiver("1");
        assertTrue(r1.current().receiving());
        assertEquals(10000, r1.current().remote().getPort());
        // the SIP peer's address goes with it: a stream behind NAT latches only to that address (issue 9, item 1)
        assertEquals("192.0.2.10", r1.current().signallingPeer().getHostAddress());
        assertEquals(10001, r1.current().remoteRtcp().getPort());
        assertEquals(List.of("PCMU", "telephone-event"), r1.current().codecs().stream().map(c -> c.encoding()).toList());
        assertNull(r1.current().srtp());
        // sinks: opened, streams announced, metadata version 1
        FakeSink.Rec rec = h.sink.last();
        assertEquals(2, rec.streams.size());
        assertEquals(List.of(1), rec.metadataVersions);
        assertEquals(List.of("started " + rs.id()), h.events);
        assertTrue(d.notes().isEmpty(), d.notes().toString());
    }

    @Test
    void metadataFirstWithoutDispositionAndLegacyType() {
        Harness h = new Harness();
        String body = Harness.multipart(twoStreams(), CISCO_MD, true, false).replace("application/rs-metadata+xml",
                "application/rs-metadata");
        FakeSip.Server s = h.send(invite("multipart/mixed; boundary=\"" + Harness.BOUNDARY + "\"", body));
        assertEquals(200, s.last().status(), s.last().reason());
        assertEquals(2, h.manager.sessions().get(0).session().participants().size());
    }

    @Test
    void sdpOnlyRecordingInviteRecordedWithoutMetadata() {
        Harness h = new Harness();
        FakeSip.Server s = h.send(invite("application/sdp", offer(audio(10000, null, "sendonly"))));
        assertEquals(200, s.last().status());
        SessionDetails d = h.manager.sessions().get(0);
        assertEquals("m0", d.session().streams().get(0).key(), "named by m-line index without a label");
        assertEquals(0, d.session().metadataVersion());
        assertTrue(d.notes().get(0).contains("no metadata"), d.notes().toString());
    }

    @Test
    void labelsNotInMetadataFallBackToMlineOrder() {
        Harness h = new Harness();
        String sdp = offer(audio(10000, "a", "sendonly"), audio(10002, "b", "sendonly"));
        h.send(multipartInvite(sdp, CISCO_MD));
        SessionDetails d = h.manager.sessions().get(0);
        assertEquals(List.of("Y2lzY28tc3RyZWFtLTE=", "Y2lzY28tc3RyZWFtLTI="),
                d.session().streams().stream().map(MediaStream::streamId).toList());
        assertTrue(d.notes().get(0).contains("mapped by m-line order: a, b"), d.notes().toString());
        assertEquals(d.notes(), h.sink.last().notes, "the summary says so");
    }

    @Test
    void oneMixedMlineWithDraftMetadataRecorded() {
        Harness h = new Harness();
        String md = new String(dev.siprec.siprec.internal.metadata.MetadataParserTest.resource("broadworks-draft.xml"),
                StandardCharsets.UTF_8);
        FakeSip.Server s = h.send(multipartInvite(offer(audio(10000, null, "sendrecv")), md));
        assertEquals(200, s.last().status());
        assertTrue(s.bodyText().contains("a=recvonly"), "sendrecv offer answered recvonly");
        SessionDetails d = h.manager.sessions().get(0);
        assertEquals("YnctbWl4ZWQ=", d.session().streams().get(0).streamId(), "the only stream, by m-line order");
        assertEquals("YnctZ3JvdXAtNDQx", d.session().groupId());
        assertEquals("YnctcmVjb3JkaW5nLTQ0MQ==", d.session().recordingSessionId());
        assertTrue(d.notes().get(0).contains("mapped by m-line order: m0"), d.notes().toString());
    }

    @Test
    void queuedInviteAnswered503WhenStopping() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        Harness q = new Harness();
        SessionManager m = new SessionManager(Harness.settings(Map.of()), q, q.clock, queued::add);
        FakeSip.Server s = new FakeSip.Server(invite("application/sdp", twoStreams()), Harness.udp(), null);
        m.handle(s);
        m.shutdown(100);
        queued.forEach(Runnable::run);
        assertEquals(503, s.last().status());
        assertTrue(q.media.receivers.isEmpty());
    }

    @Test
    void plainInviteAcceptedByDefaultRefusedWhenConfigured() {
        FakeSip.Request plain = new FakeSip.Request("INVITE").body("application/sdp", offer(audio(10000, "1", "sendrecv")));
        Harness h = new Harness();
        assertEquals(200, h.send(plain).last().status());
        assertTrue(h.manager.sessions().get(0).notes().stream().anyMatch(n -> n.contains("plain INVITE")));
        assertTrue(h.sink.last().notes.stream().anyMatch(n -> n.contains("plain INVITE")), "notes before the sinks opened reach them");
        Harness strict = new Harness(Map.of("accept.non.siprec", false));
        FakeSip.Request plain2 = new FakeSip.Request("INVITE").body("application/sdp", offer(audio(10000, "1", "sendrecv")));
        assertEquals(403, strict.send(plain2).last().status());
        FakeSip.Request srcOnly = new FakeSip.Request("INVITE").header("Contact", "<sip:src@192.0.2.10>;+sip.src")
                .body("application/sdp", offer(audio(10000, "1", "sendonly")));
        assertEquals(200, strict.send(srcOnly).last().status(), "+sip.src alone marks a recording INVITE");
    }

    @Test
    void noAcceptableStreamIs488WithWarning() {
        Harness h = new Harness();
        String video = "m=video 10000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
        FakeSip.Server s = h.send(invite("application/sdp", offer(video)));
        assertEquals(488, s.last().status());
        assertTrue(s.header("Warning").startsWith("305 srs \""), s.header("Warning"));
        assertTrue(h.media.receivers.isEmpty() && h.manager.sessions().isEmpty() && h.sink.sessions.isEmpty());
        assertTrue(h.events.isEmpty(), "no listener event for a refused INVITE");
    }

    @Test
    void unsupportedBodyIs415WithAccept() {
        Harness h = new Harness();
        FakeSip.Server s = h.send(invite("text/plain", "hello"));
        assertEquals(415, s.last().status());
        assertTrue(s.header("Accept").contains("application/rs-metadata+xml"));
    }

    @Test
    void brokenMultipartAndXmlAndSdpAre400() {
        Harness h = new Harness();
        FakeSip.Server noClose = h.send(invite("multipart/mixed;boundary=" + Harness.BOUNDARY,
                "--" + Harness.BOUNDARY + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"));
        assertEquals(400, noClose.last().status());
        assertTrue(noClose.last().reason().startsWith("Bad Multipart Body"), noClose.last().reason());
        FakeSip.Server badXml = h.send(multipartInvite(twoStreams(), "<recording><participant></recording>"));
        assertEquals(400, badXml.last().status());
        assertTrue(badXml.header("Warning").contains("not well-formed"), badXml.header("Warning"));
        FakeSip.Server doctype = h.send(multipartInvite(twoStreams(),
                "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><recording>&x;</recording>"));
        assertEquals(400, doctype.last().status());
        FakeSip.Server badSdp = h.send(invite("application/sdp", "v=0\r\nm=audio x RTP/AVP 0\r\n"));
        assertEquals(400, badSdp.last().status());
        assertNotNull(badSdp.header("Warning"));
        assertTrue(h.manager.sessions().isEmpty() && h.media.receivers.isEmpty());
    }

    @Test
    void offerlessInviteIs488() {
        Harness h = new Harness();
        assertEquals(488, h.send(invite(null, null)).last().status());
        assertTrue(h.manager.sessions().isEmpty());
    }

    @Test
    void capacityIs503WithRetryAfter() {
        Harness h = new Harness(Map.of("max.sessions", 1, "retry.after.seconds", 7));
        assertEquals(200, h.send(invite("application/sdp", twoStreams())).last().status());
        FakeSip.Request second = invite("application/sdp", twoStreams());
        second.callId = "call-2";
        FakeSip.Server s = h.send(second);
        assertEquals(503, s.last().status());
        assertEquals("7", s.header("Retry-After"));
    }

    @Test
    void noSinkCanOpenIs503AndReleasesPorts() {
        Harness h = new Harness();
        h.sink.failOpen = true;
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()));
        assertEquals(503, s.last().status());
        assertEquals("30", s.header("Retry-After"));
        assertTrue(h.media.receivers.stream().allMatch(r -> r.closed), "ports released");
        assertTrue(h.sdp.sessions.get(0).closed, "answer keys wiped");
        assertTrue(h.manager.sessions().isEmpty());
    }

    @Test
    void noPortsIs503() {
        Harness h = new Harness();
        h.media.freePairs = 0;
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()));
        assertEquals(503, s.last().status());
    }

    @Test
    void oneFailingSinkDoesNotStopTheOthers() {
        Harness h = new Harness();
        FakeSink broken = new FakeSink();
        broken.throwOnAudio = true;
        h.sinks.add(0, new SinkFanout.NamedSink("broken", broken));
        assertEquals(200, h.send(invite("application/sdp", twoStreams())).last().status());
        h.media.receiver("1").output.audio("1", 0, new short[160], 0, 160);
        assertEquals(1, h.sink.last().audioCalls);
        assertEquals(List.of(dev.siprec.recording.api.EndReason.ERROR), broken.last().ends, "the broken sink is ended");
        h.media.receiver("1").output.audio("1", 160, new short[160], 0, 160);
        assertEquals(2, h.sink.last().audioCalls);
    }

    @Test
    void serviceMissingIs503() {
        Harness h = new Harness() {
            @Override
            public dev.siprec.sdp.api.SdpAnswerer answerer() {
                return null;
            }
        };
        assertEquals(503, h.send(invite("application/sdp", twoStreams())).last().status());
    }

    @Test
    void contactIsTheCoresWithTheSrsFeatureTag() {
        Harness h = new Harness();
        FakeSip.Server s = h.send(invite("application/sdp", twoStreams()), new FakeSip.Connection("TLS", "192.0.2.10", 5071), null);
        assertEquals(s.localContact() + ";+sip.srs", s.header("Contact"));
        assertEquals("<sip:127.0.0.1:5060;transport=tls>;+sip.srs", s.header("Contact"));
    }

    @Test
    void sessionIdHeaderIsTheRecordingSessionIdWithoutDraftId() {
        Harness h = new Harness();
        FakeSip.Request r = multipartInvite(twoStreams(), CISCO_MD);
        r.header("Session-ID", "AB30317F1A784DC48FF824D0D3715D86;remote=00000000000000000000000000000000");
        h.send(r);
        assertEquals("ab30317f1a784dc48ff824d0d3715d86", h.manager.sessions().get(0).session().recordingSessionId());
    }

    @Test
    void mergedRequestIs482() {
        Harness h = new Harness();
        assertEquals(200, h.send(invite("application/sdp", twoStreams())).last().status());
        assertEquals(482, h.send(invite("application/sdp", twoStreams())).last().status(), "same Call-ID and From tag");
        assertEquals(1, h.manager.activeCount());
    }

    @Test
    void sessionIdsAreUniqueAndSafe() {
        Harness h = new Harness();
        for (int i = 0; i < 3; i++) {
            FakeSip.Request r = invite("application/sdp", twoStreams());
            r.callId = "a/b+c@d=" + i;
            h.send(r);
        }
        List<String> ids = h.manager.sessions().stream().map(d -> d.session().id()).toList();
        assertEquals(3, ids.stream().distinct().count());
        ids.forEach(id -> assertFalse(id.contains("/") || id.contains("+") || id.contains("@") || id.contains("="), id));
    }
}
