package dev.siprec.siprec.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.media.api.StreamSettings;
import dev.siprec.recording.api.StreamKeyInfo.KeySource;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.RemoteEndpoint;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * Installs the keys of the recording client's answer to the server's re-keying offer (RFC 4568
 * §7.1.4, §7.4): per offered m-line, the answer's {@code a=crypto} with the offered tag and suite
 * becomes the stream's decryption policy through {@code MediaReceiver.update} (the media layer
 * keeps the old context until the first packet under the new key authenticates). Parsed keys are
 * wiped once handed over. Runs under the call's lock.
 */
final class RekeyAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(RekeyAnswer.class);

    private RekeyAnswer() {
    }

    /** @return {@code true} when every offered stream got its new key. */
    static boolean apply(RecordingCall call, RekeyOffer offer, dev.siprec.sip.api.SipResponse resp, Instant now) {
        SessionDescription answer;
        try {
            answer = call.ctx.sdpCodec().parse(resp.body());
        } catch (SdpParseException e) {
            call.note("re-keying answer unusable: " + e.getMessage());
            LOG.warn("session {}: re-keying answer unusable: {}", call.id, e.getMessage());
            return false;
        }
        boolean all = true;
        for (RekeyOffer.Offered o : offer.offered().values()) {
            StreamBinding b = call.streams.byKey(o.streamKey());
            if (b == null || b.closed || o.index() >= answer.media().size()) {
                continue;
            }
            MediaDescription m = answer.media().get(o.index());
            if (m.port() == 0) {
                call.note("client refused stream " + b.key + " in the re-keying answer");
                all = false;
                continue;
            }
            CryptoAttribute chosen = chosen(call, m, o);
            if (chosen == null) {
                call.note("re-keying answer has no usable a=crypto for stream " + b.key);
                all = false;
                continue;
            }
            SrtpPolicy policy;
            try {
                policy = new SrtpParameters(o.previous().suite(), o.previous().keyLength(), o.previous().saltLength(), chosen,
                        o.crypto(), o.key()).remotePolicy();
            } catch (RuntimeException e) {
                chosen.close();
                call.note("re-keying answer key unusable for stream " + b.key + ": " + e.getMessage());
                all = false;
                continue;
            }
            boolean receiving = b.negotiated.accepted() && answer.directionOf(m).sends();
            StreamSettings s = new StreamSettings(b.key, b.negotiated.codecs(), receiving, remote(answer, m, b),
                    policy, b.negotiated.ptime(), null, StreamSet.remoteRtcp(b.negotiated.remote()), call.peerAddress);
            try {
                b.receiver.update(s);
                b.keyState = KeyState.of(chosen, KeySource.ANSWER, now, b.packets(), new Object());
                LOG.info("session {}: stream {} re-keyed from the client's answer", call.id, b.key);
            } catch (RuntimeException e) {
                call.note("re-keying of stream " + b.key + " failed: " + e.getMessage());
                all = false;
            } finally {
                CallMedia.wipe(policy); // the engine closes keys it is given; this closes them on the other paths
                chosen.close();
            }
        }
        return all;
    }

    /** The answer's {@code a=crypto} with the offered tag and suite (RFC 4568 §7.1.2); others are wiped. */
    private static CryptoAttribute chosen(RecordingCall call, MediaDescription m, RekeyOffer.Offered o) {
        CryptoAttribute found = null;
        List<CryptoAttribute> parsed = new ArrayList<>();
        for (String value : m.attributes("crypto")) {
            try {
                parsed.add(call.ctx.sdpCodec().parseCrypto(value));
            } catch (SdpParseException e) {
                LOG.debug("session {}: unusable a=crypto in re-keying answer: {}", call.id, e.getMessage());
            }
        }
        for (CryptoAttribute c : parsed) {
            if (found == null && c.tag() == o.crypto().tag() && c.suite().equals(o.crypto().suite())) {
                found = c;
            } else {
                c.close();
            }
        }
        return found;
    }

    private static java.net.InetSocketAddress remote(SessionDescription answer, MediaDescription m, StreamBinding b) {
        var c = answer.connectionOf(m);
        if (c == null) {
            return StreamSet.remote(b.negotiated.remote());
        }
        return StreamSet.remote(new RemoteEndpoint(c.addressType(), c.address(), m.port(), c.address(), m.port() + 1));
    }
}
