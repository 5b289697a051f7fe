package dev.siprec.siprec.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.EndReason;
import dev.siprec.recording.api.RecordingSession;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.siprec.internal.metadata.MetadataException;

/**
 * Answers a recording INVITE (RFC 7866 §6.1, §7, §8.1.1): metadata checked, SDP answered with
 * receivers allocated per accepted m-line, sinks opened, receivers started, then {@code 200} with
 * the answer and a {@code Contact} carrying {@code +sip.srs}. Failures answer {@code 400} (broken
 * SDP or metadata), {@code 488} with a {@code Warning} (nothing acceptable), or {@code 503} with
 * {@code Retry-After} (no ports, no sink); everything allocated is released on every path.
 */
final class CallSetup {
    private static final Logger LOG = LoggerFactory.getLogger(CallSetup.class);

    private CallSetup() {
    }

    static void run(RecordingCall call, ServerRequest sr, BodyParts.Extracted body, String contact) {
        synchronized (call) {
            try {
                answer(call, sr, body, contact);
            } catch (ServiceUnavailableException e) {
                LOG.warn("session {}: recording INVITE refused: Call-ID {}, from {} {}: {}", call.id, call.callId,
                        call.transport, call.peer, e.getMessage());
                call.streams.rollback();
                respond(call, sr, Responses.unavailable("Service Unavailable", call.ctx.settings().retryAfterSeconds()));
                call.finish(EndReason.ERROR);
            } catch (RuntimeException e) {
                LOG.error("session {}: recording INVITE failed: {}", call.id, e.toString(), e);
                respond(call, sr, Responses.error(500, "Server Internal Error"));
                call.finish(EndReason.ERROR);
            }
        }
    }

    private static void answer(RecordingCall call, ServerRequest sr, BodyParts.Extracted body, String contact) {
        if (sr.isCancelled()) {
            call.finish(EndReason.CANCELLED);
            return;
        }
        if (call.phase != RecordingCall.Phase.SETUP) { // ended while queued: the server is stopping
            respond(call, sr, Responses.unavailable("Service Unavailable (stopping)", call.ctx.settings().retryAfterSeconds()));
            return;
        }
        if (body.metadata() != null) {
            try {
                call.applyMetadata(body.metadata());
            } catch (MetadataException e) {
                fail(call, sr, Responses.withWarning(400, "Bad Metadata", Responses.WARN_MISC, e.getMessage()));
                return;
            }
        }
        if (body.sdp() == null) {
            fail(call, sr, Responses.withWarning(488, "Not Acceptable Here", Responses.WARN_MEDIA,
                    "an SDP offer is required in the recording INVITE"));
            return;
        }
        SessionDescription offer;
        try {
            offer = call.ctx.sdpCodec().parse(body.sdp());
        } catch (SdpParseException e) {
            fail(call, sr, Responses.withWarning(400, "Bad SDP", Responses.WARN_MISC, e.getMessage()));
            return;
        }
        String[] origin = origin(sr);
        call.answers = call.ctx.answerer().newSession(origin[0], origin[1], call.transport);
        OfferAnswer oa = call.answers.answer(offer, call.streams.endpoints());
        if (!oa.acceptable()) {
            boolean noPorts = call.streams.allocationFailures() > 0;
            call.streams.rollback();
            fail(call, sr, noPorts ? Responses.unavailable("No Media Ports Available", call.ctx.settings().retryAfterSeconds())
                    : Responses.withWarning(488, "Not Acceptable Here", Responses.WARN_FORMAT, oa.reason()));
            return;
        }
        Instant now = call.ctx.clock().instant();
        StreamSet.Changes changes = call.streams.commit(oa, call.answers);
        call.remap();
        RecordingSession first = call.snapshot();
        call.sinks = SinkFanout.open(call.ctx.sinks(), first, call::storageFailed);
        if (call.sinks != null) {
            call.sinks.maxDtmfEvents(call.ctx.settings().limits().maxDtmfEvents());
        }
        if (call.sinks == null) {
            fail(call, sr, Responses.unavailable("No Recording Sink Available", call.ctx.settings().retryAfterSeconds()));
            return;
        }
        call.publishNotes();
        int started = CallMedia.apply(call, changes, now);
        if (started == 0) {
            fail(call, sr, Responses.unavailable("Media Reception Unavailable", call.ctx.settings().retryAfterSeconds()));
            return;
        }
        if (call.latestMetadata != null) {
            call.sinks.metadata(call.metadataVersion, call.latestMetadata, call.snapshot());
        }
        if (sr.isCancelled()) {
            call.finish(EndReason.CANCELLED);
            return;
        }
        SessionDescription answer = CallMedia.nextVersion(call, oa.answer());
        if (!respond(call, sr, Responses.ok(contact, call.ctx.sdpCodec().format(answer)))) {
            call.finish(EndReason.CANCELLED);
            return;
        }
        call.dialog = sr.dialog().orElse(null);
        call.phase = RecordingCall.Phase.ACTIVE;
        LOG.info("recording session {} started: Call-ID {}, {} from {}, {} stream(s), metadata {}", call.id, call.callId,
                call.transport, call.peer, started, call.metadataVersion > 0 ? "yes" : "no");
        call.ctx.started(call.snapshot());
    }

    private static void fail(RecordingCall call, ServerRequest sr, OutgoingResponse response) {
        LOG.info("recording INVITE refused: Call-ID {}, from {} {}: {}", call.callId, call.transport, call.peer,
                Responses.describe(response));
        respond(call, sr, response);
        call.finish(EndReason.ERROR);
    }

    /** @return {@code false} when the request was cancelled (the core answered 487) or already answered. */
    static boolean respond(RecordingCall call, ServerRequest sr, OutgoingResponse response) {
        try {
            sr.respond(response);
            return true;
        } catch (IllegalStateException e) {
            LOG.debug("session {}: response {} not sent: {}", call.id, response.status(), e.getMessage());
            return false;
        }
    }

    /** The answer's {@code o=} address: the local address of the flow, else loopback of the same family. */
    static String[] origin(ServerRequest sr) {
        InetSocketAddress local = sr.connection().local();
        InetAddress a = local == null ? null : local.getAddress();
        if (a == null) {
            return new String[] {Connection.IP4, "127.0.0.1"};
        }
        boolean v6 = a instanceof java.net.Inet6Address;
        if (a.isAnyLocalAddress()) {
            return v6 ? new String[] {Connection.IP6, "::1"} : new String[] {Connection.IP4, "127.0.0.1"};
        }
        String host = a.getHostAddress();
        int pct = host.indexOf('%');
        return new String[] {v6 ? Connection.IP6 : Connection.IP4, pct < 0 ? host : host.substring(0, pct)};
    }
}
