package dev.siprec.siprec.internal;

import static dev.siprec.siprec.internal.Harness.audio;
import static dev.siprec.siprec.internal.Harness.invite;
import static dev.siprec.siprec.internal.Harness.multipartInvite;
import static dev.siprec.siprec.internal.Harness.offer;
import static dev.siprec.siprec.internal.Harness.twoStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.MediaStream;
import dev.siprec.recording.api.Participant;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.siprec.internal.metadata.MetadataParserTest;

/** re-INVITE and UPDATE in a recording session (RFC 7866 §7.1.2, RFC 3264 §8, RFC 3311). */
class MidSessionTest {
    static String md(String name) {
        return new String(MetadataParserTest.resource(name), StandardCharsets.UTF_8);
    }

    @Test
    void holdAndResumeUpdateTheReceivers() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(multipartInvite(twoStreams(), md("cisco.xml")));
        FakeSip.Server hold = h.inDialog(call, "INVITE", "application/sdp",
                offer(audio(10000, "1", "inactive"), audio(10002, "2", "inactive")));
        assertEquals(200, hold.last().status());
        assertTrue(hold.bodyText().contains("a=inactive"), hold.bodyText());
        assertTrue(hold.header("Contact").endsWith(";+sip.srs"));
        assertFalse(h.media.receiver("1").current().receiving());
        assertEquals(2, h.media.receivers.size(), "the same receivers are kept");
        FakeSip.Server resume = h.inDialog(call, "INVITE", "application/sdp", twoStreams());
        assertEquals(200, resume.last().status());
        assertTrue(h.media.receiver("1").current().receiving());
        assertEquals(3, h.media.receiver("1").settings.size(), "start, hold, resume");
        assertTrue(h.sink.last().updates.size() >= 2);
        assertTrue(h.events.stream().filter(e -> e.startsWith("updated")).count() >= 2);
        long v1 = version(call.bodyText());
        long v2 = version(hold.bodyText());
        long v3 = version(resume.bodyText());
        assertTrue(v1 < v2 && v2 < v3, "o= version increases");
    }

    static long version(String sdp) {
        String o = sdp.lines().filter(l -> l.startsWith("o=")).findFirst().orElseThrow();
        return Long.parseLong(o.split(" ")[2]);
    }

    /**
     * Attack (issue 9, item 4): re-INVITEs that change a=label open new writers each time and never close the
     * replaced ones. Replaced streams are now finalized at once (streamRemoved), and past max.streams the
     * re-INVITE gets 403 while the call goes on.
     */
    @Test
    void relabellingReinvitesFinalizeReplacedStreamsAndAreCappedWith403() {
        Harness h = new Harness(java.util.Map.of("max.streams", 4));
        FakeSip.Server call = h.send(multipartInvite(twoStreams(), md("cisco.xml")));
        FakeSip.Server r1 = h.inDialog(call, "INVITE", "application/sdp",
                offer(Harness.audio(10000, "a", "sendonly"), Harness.audio(10002, "b", "sendonly")));
        assertEquals(200, r1.last().status());
        FakeSink.Rec rec = h.sink.last();
        assertEquals(List.of("1", "2"), rec.removed, "replaced streams finalized at once");
        assertTrue(rec.audioCallsAtRemoval.get("1") >= 1, "the stream's audio was flushed before its removal");
        assertTrue(h.media.receiver("1").closed && h.media.receiver("2").closed);
        FakeSip.Server r2 = h.inDialog(call, "INVITE", "application/sdp",
                offer(Harness.audio(10000, "c", "sendonly"), Harness.audio(10002, "d", "sendonly")));
        assertEquals(403, r2.last().status());
        assertTrue(r2.last().headers().stream().anyMatch(x -> x.name().equals("Warning")
                && x.value().contains("stream limit of 4 per session reached")), r2.last().headers().toString());
        assertEquals(4, h.media.receivers.size(), "no ports allocated past the cap");
        assertEquals(1, h.manager.activeCount(), "the call goes on");
        assertTrue(!h.media.receiver("a").closed && !h.media.receiver("b").closed, "current streams untouched");
        assertEquals(200, h.inDialog(call, "INVITE", "application/sdp",
                offer(Harness.audio(10000, "a", "inactive"), Harness.audio(10002, "b", "sendonly"))).last().status(),
                "re-INVITEs that open nothing new still work");
    }

    @Test
    void metadataVersionsAreCappedWith403() {
        Harness h = new Harness(java.util.Map.of("max.metadata.versions", 2));
        FakeSip.Server call = h.send(multipartInvite(twoStreams(), md("avaya-initial.xml")));
        assertEquals(200, h.inDialog(call, "UPDATE", "application/rs-metadata+xml", md("avaya-update.xml")).last().status());
        FakeSip.Server third = h.inDialog(call, "UPDATE", "application/rs-metadata+xml", md("avaya-update.xml"));
        assertEquals(403, third.last().status());
        assertEquals(List.of(1, 2), h.sink.last().metadataVersions);
        assertEquals(1, h.manager.activeCount());
    }

    @Test
    void telephoneEventsBeyondTheCapAreCountedNotPassedOn() {
        Harness h = new Harness(java.util.Map.of("max.dtmf.events", 3));
        h.send(multipartInvite(twoStreams(), md("cisco.xml")));
        FakeSink.Rec rec = h.sink.last();
        SinkFanout fanout = (SinkFanout) h.media.receiver("1").output;
        for (int i = 0; i < 10; i++) {
            fanout.dtmf("1", '5', 160L * i, 100);
        }
        assertEquals(3, rec.dtmfs);
        assertEquals(10, fanout.dtmfEvents());
        assertTrue(rec.notes.contains("telephone events beyond 3 were dropped"), rec.notes.toString());
    }

    @Test
    void updateWithMetadataOnlyKeepsEveryVersion() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(multipartInvite(twoStreams().replace("a=label:1", "a=label:1").replace("a=label:2", "a=label:2"),
                md("avaya-initial.xml")));
        assertEquals(200, call.last().status());
        assertEquals(2, h.manager.sessions().get(0).session().participants().size());
        FakeSip.Server update = h.inDialog(call, "UPDATE", "application/rs-metadata+xml", md("avaya-update.xml"));
        assertEquals(200, update.last().status());
        assertEquals(0, update.last().body().length, "no SDP in the answer to a metadata-only UPDATE");
        RecordingSession s = h.manager.sessions().get(0).session();
        assertEquals(2, s.metadataVersion());
        assertEquals(List.of("YXZheWEtYWdlbnQ=", "YXZheWEtY3VzdG9tZXI="), s.participants().stream().map(Participant::id).toList());
        assertEquals(List.of(1, 2), h.sink.last().metadataVersions);
        assertEquals(2, h.sink.last().metadataParsed.get(1).participants().size());
    }

    @Test
    void newStreamInReinviteGetsItsOwnKeyAndReceiver() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        // transfer: stream "1" replaced by a new stream reusing label 1 on a new m-line, plus a third stream
        String reoffer = offer(audio(10000, "1", "sendonly"), audio(10002, "2", "sendonly"), audio(10004, "1", "sendonly"));
        FakeSip.Server r = h.inDialog(call, "INVITE", "application/sdp", reoffer);
        assertEquals(200, r.last().status());
        List<MediaStream> streams = h.manager.sessions().get(0).session().streams();
        assertEquals(List.of("1", "2", "1-2"), streams.stream().map(MediaStream::key).toList(), "label reused: suffixed");
        assertEquals(3, h.media.receivers.size());
        assertEquals(3, h.sink.last().streams.size());
    }

    @Test
    void refusedMlineInReofferEndsThatStreamOnly() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        String reoffer = offer(audio(10000, "1", "sendonly"), audio(0, "2", "sendonly"));
        assertEquals(200, h.inDialog(call, "INVITE", "application/sdp", reoffer).last().status());
        assertTrue(h.media.receiver("2").closed);
        assertFalse(h.media.receiver("1").closed);
        assertEquals(List.of("1"), h.manager.sessions().get(0).session().streams().stream().map(MediaStream::key).toList());
    }

    @Test
    void unacceptableReofferIs488AndChangesNothing() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(multipartInvite(twoStreams(), md("cisco.xml")));
        String video = offer("m=video 10000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n",
                "m=video 10002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");
        FakeSip.Server r = h.inDialog(call, "INVITE", "multipart/mixed;boundary=" + Harness.BOUNDARY,
                Harness.multipart(video, md("opensips.xml"), false, true));
        assertEquals(488, r.last().status());
        assertEquals(1, h.manager.sessions().get(0).session().metadataVersion(), "metadata of a refused re-offer not applied");
        assertFalse(h.media.receiver("1").closed);
        assertTrue(h.media.receiver("1").current().receiving());
    }

    @Test
    void changedKeysAndPortsReachTheReceiver() {
        Harness h = new Harness();
        String key1 = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
        String key2 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";
        FakeSip.Server call = h.send(invite("application/sdp", offer(Harness.srtpAudio(10000, "1", key1, null))));
        assertEquals(200, call.last().status(), call.last().reason());
        assertEquals("AES_CM_128_HMAC_SHA1_80", h.media.receiver("1").current().srtp().suite());
        var before = h.manager.keys().get(0);
        assertEquals(dev.siprec.recording.api.StreamKeyInfo.KeySource.OFFER, before.source());
        h.clock.advance(java.time.Duration.ofSeconds(5));
        h.inDialog(call, "INVITE", "application/sdp", offer(Harness.srtpAudio(10000, "1", key1, null)));
        assertEquals(before.installedAt(), h.manager.keys().get(0).installedAt(), "same key: same key state");
        FakeSip.Server rekey = h.inDialog(call, "INVITE", "application/sdp", offer(Harness.srtpAudio(12000, "1", key2, null)));
        assertEquals(200, rekey.last().status());
        FakeMedia.Receiver r = h.media.receiver("1");
        assertEquals(12000, r.current().remote().getPort(), "new port");
        assertNotEquals(before.installedAt(), h.manager.keys().get(0).installedAt(), "new key installed");
        assertEquals(3, r.settings.size());
        assertFalse(h.manager.keys().toString().contains(key2), "no key bytes in key views");
    }

    @Test
    void offerlessReinviteAnsweredWithCurrentDescription() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        FakeSip.Server r = h.inDialog(call, "INVITE", null, null);
        assertEquals(200, r.last().status());
        assertTrue(r.bodyText().contains("m=audio 40000"), r.bodyText());
    }

    @Test
    void badBodiesInDialogAre400And415() {
        Harness h = new Harness();
        FakeSip.Server call = h.send(invite("application/sdp", twoStreams()));
        assertEquals(400, h.inDialog(call, "UPDATE", "application/rs-metadata+xml", "<recording>").last().status());
        assertEquals(415, h.inDialog(call, "UPDATE", "application/json", "{}").last().status());
        assertEquals(0, h.manager.sessions().get(0).session().metadataVersion());
    }

    @Test
    void unknownDialogIs481() {
        Harness h = new Harness();
        FakeSip.Request r = new FakeSip.Request("UPDATE");
        r.toTag = "x";
        assertEquals(481, h.send(r).last().status());
    }
}
