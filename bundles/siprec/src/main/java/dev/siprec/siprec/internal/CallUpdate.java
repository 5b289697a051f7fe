package dev.siprec.siprec.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.recording.api.RecordingSession;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.siprec.internal.metadata.MetadataException;

/**
 * A re-INVITE or UPDATE in a recording session (RFC 7866 §7.1.2, §7.2; RFC 3264 §8; RFC 3311):
 * new SDP (hold via {@code a=inactive}, resume, new or removed streams, new keys, new ports) and/or
 * new metadata (each version kept and passed to the sinks). An unacceptable re-offer is answered
 * {@code 488} and leaves the session as it was, metadata included.
 */
final class CallUpdate {
    private static final Logger LOG = LoggerFactory.getLogger(CallUpdate.class);

    private CallUpdate() {
    }

    static void run(RecordingCall call, ServerRequest sr, BodyParts.Extracted body, String contact) {
        synchronized (call) {
            if (call.phase != RecordingCall.Phase.ACTIVE) {
                CallSetup.respond(call, sr, Responses.error(481, "Call/Transaction Does Not Exist"));
                return;
            }
            try {
                update(call, sr, body, contact);
            } catch (RuntimeException e) {
                LOG.error("session {}: {} failed: {}", call.id, sr.request().method(), e.toString(), e);
                CallSetup.respond(call, sr, Responses.error(500, "Server Internal Error"));
            }
        }
    }

    /** 403 with the reason in a Warning (RFC 3261 §20.43); the session goes on as it was. */
    private static void refuse(RecordingCall call, ServerRequest sr, String reason) {
        call.note(sr.request().method() + " refused: " + reason);
        refuse(call, sr, Responses.withWarning(403, "Forbidden", Responses.WARN_MISC, reason));
    }

    /** Refuses an in-dialog request, logging its Call-ID, source and reason (the dialog goes on). */
    private static void refuse(RecordingCall call, ServerRequest sr, OutgoingResponse response) {
        LOG.info("session {}: {} refused: Call-ID {}, from {} {}: {}", call.id, sr.request().method(), call.callId,
                call.transport, call.peer, Responses.describe(response));
        CallSetup.respond(call, sr, response);
    }

    private static void update(RecordingCall call, ServerRequest sr, BodyParts.Extracted body, String contact) {
        boolean invite = "INVITE".equals(sr.request().method());
        SessionLimits limits = call.ctx.settings().limits();
        if (body.metadata() != null && call.metadataVersion >= limits.maxMetadataVersions()) {
            refuse(call, sr, "metadata version limit of " + limits.maxMetadataVersions() + " per session reached");
            return;
        }
        if (body.metadata() != null) {
            try {
                call.ctx.metadataParser().parse(body.metadata()); // validate before changing anything
            } catch (MetadataException e) {
                refuse(call, sr, Responses.withWarning(400, "Bad Metadata", Responses.WARN_MISC, e.getMessage()));
                return;
            }
        }
        String answerText = null;
        Instant now = call.ctx.clock().instant();
        if (body.sdp() != null) {
            SessionDescription offer;
            try {
                offer = call.ctx.sdpCodec().parse(body.sdp());
            } catch (SdpParseException e) {
                refuse(call, sr, Responses.withWarning(400, "Bad SDP", Responses.WARN_MISC, e.getMessage()));
                return;
            }
            OfferAnswer oa = call.answers.answer(offer, call.streams.endpoints());
            if (call.streams.capReached()) {
                call.streams.rollback();
                refuse(call, sr, "stream limit of " + limits.maxStreams() + " per session reached");
                return;
            }
            if (!oa.acceptable()) {
                call.streams.rollback();
                refuse(call, sr, Responses.withWarning(488, "Not Acceptable Here", Responses.WARN_FORMAT, oa.reason()));
                return;
            }
            StreamSet.Changes changes = call.streams.commit(oa, call.answers);
            call.remap();
            CallMedia.apply(call, changes, now);
            answerText = call.ctx.sdpCodec().format(CallMedia.nextVersion(call, oa.answer()));
            LOG.info("session {}: re-offer applied: {} added, {} updated, {} removed", call.id, changes.added().size(),
                    changes.updated().size(), changes.removed().size());
        } else if (invite && call.answers.lastAnswer() != null) {
            // An offerless re-INVITE (RFC 3261 §14.2): our current description is the offer.
            answerText = call.ctx.sdpCodec().format(call.answers.lastAnswer());
        }
        if (body.metadata() != null) {
            try {
                call.applyMetadata(body.metadata());
            } catch (MetadataException e) {
                throw new IllegalStateException("metadata failed after validation", e);
            }
            call.remap();
            call.sinks.metadata(call.metadataVersion, call.latestMetadata, call.snapshot());
            LOG.info("session {}: metadata version {} received", call.id, call.metadataVersion);
        }
        RecordingSession state = call.snapshot();
        call.sinks.updated(state);
        OutgoingResponse ok = Responses.ok(contact, answerText);
        CallSetup.respond(call, sr, ok);
        call.ctx.updated(state);
    }
}
