package dev.siprec.siprec.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.api.StreamSettings;
import dev.siprec.recording.api.StreamKeyInfo.KeySource;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpMasterKey;

/**
 * Applies a committed answer to the receivers of a call: closes removed streams (their buffers
 * flush into the sinks), updates kept ones (hold, resume, new keys, new ports), announces and
 * starts new ones. Tracks the SRTP key facts per stream. Called under the call's lock.
 */
final class CallMedia {
    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);

    private CallMedia() {
    }

    /** @return how many streams are open and started after applying. */
    static int apply(RecordingCall call, StreamSet.Changes changes, Instant now) {
        for (StreamBinding b : changes.removed()) {
            StreamSet.closeQuietly(b.receiver); // flushes its audio into the sinks first
            call.sinks.streamRemoved(b.key);
            call.note("stream " + b.key + " ended by re-offer");
        }
        for (StreamBinding b : changes.updated()) {
            boolean wasReceiving = b.receivingSince != null;
            StreamSettings s = StreamSet.settings(b, call.peerAddress);
            try {
                b.receiver.update(s);
            } catch (RuntimeException e) {
                LOG.error("session {}: stream {} update failed: {}", call.id, b.key, e.toString());
                call.note("stream " + b.key + " update failed: " + e.getMessage());
                continue;
            } finally {
                wipe(s.srtp()); // the engine closes keys it is given; this closes them on the other paths
            }
            b.receivingSince = b.negotiated.receiving() ? wasReceiving ? b.receivingSince : now : null;
            trackKey(b, now);
        }
        for (StreamBinding b : changes.added()) {
            call.sinks.streamAdded(b.toMediaStream());
            StreamSettings s = StreamSet.settings(b, call.peerAddress);
            try {
                b.receiver.start(s, call.sinks);
                b.started = true;
                b.receivingSince = b.negotiated.receiving() ? now : null;
                trackKey(b, now);
            } catch (RuntimeException e) {
                b.closed = true;
                StreamSet.closeQuietly(b.receiver);
                LOG.error("session {}: stream {} cannot start: {}", call.id, b.key, e.toString());
                call.note("stream " + b.key + " could not start: " + e.getMessage());
            } finally {
                wipe(s.srtp());
            }
        }
        return (int) call.streams.current().stream().filter(b -> !b.closed && b.started).count();
    }

    /**
     * A new key object from the answer session means the client offered a new key (RFC 4568 §7.1.4);
     * a new key exchange keys object without SDES parameters means a new handshake (DTLS-SRTP).
     */
    private static void trackKey(StreamBinding b, Instant now) {
        SrtpParameters sdes = b.negotiated.srtp();
        if (sdes == null && b.keys != null) {
            if (b.keyState == null || b.keyState.identity() != b.keys) {
                b.keyState = KeyState.handshake(b.keys, now, b.packets());
            }
            return;
        }
        if (sdes == null) {
            b.keyState = null;
            return;
        }
        Object identity = sdes.localKey();
        if (b.keyState == null || b.keyState.identity() != identity) {
            b.keyState = KeyState.of(sdes.remote(), KeySource.OFFER, now, b.packets(), identity, b.keys);
        }
    }

    static void wipe(SrtpPolicy policy) {
        if (policy != null) {
            policy.keys().forEach(SrtpMasterKey::close);
        }
    }

    /**
     * Keeps the {@code o=} version of what we send increasing (RFC 3264 §8) across the answers of the
     * answer session and the server's own re-keying offers.
     */
    static SessionDescription nextVersion(RecordingCall call, SessionDescription sdp) {
        SessionDescription.Origin o = sdp.origin();
        long v = o.sessionVersion();
        if (v <= call.lastSdpVersion) {
            v = call.lastSdpVersion + 1;
            o = new SessionDescription.Origin(o.username(), o.sessionId(), v, o.addressType(), o.address());
            sdp = new SessionDescription(sdp.version(), o, sdp.sessionName(), sdp.connection(), sdp.attributes(),
                    sdp.media(), sdp.otherLines());
        }
        call.lastSdpVersion = v;
        return sdp;
    }
}
