package dev.siprec.siprec.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sip.api.SipResponse;

/**
 * Keeps the recording client's SRTP keys fresh (RFC 4568 §7.1.4, RFC 3711 §9.2): when a stream's
 * key has been used for {@link Settings#LIFETIME_THRESHOLD} of its lifetime (from the offer's
 * {@code |2^n} parameter) or for longer than {@code max.key.age.seconds}, the server sends a
 * re-INVITE whose offer ({@link RekeyOffer}) carries fresh {@code a=crypto} keys on every SRTP
 * stream, recvonly as an SRS offers (RFC 7866 §8.1.2); the client's answer brings its new keys,
 * which {@link RekeyAnswer} installs in the receivers. Runs under the call's lock.
 */
final class Rekeyer {
    private static final Logger LOG = LoggerFactory.getLogger(Rekeyer.class);
    /** Wait before trying again after a failed or refused re-keying offer. */
    static final Duration RETRY = Duration.ofSeconds(30);
    /** Wait before trying again after glare (491, RFC 3261 §14.1). */
    static final Duration GLARE_RETRY = Duration.ofSeconds(3);

    private final RecordingCall call;
    private boolean pending;
    private Instant notBefore = Instant.MIN;
    private RekeyOffer outstanding;
    private int attempts;

    Rekeyer(RecordingCall call) {
        this.call = call;
    }

    boolean pending() {
        return pending;
    }

    int attempts() {
        return attempts;
    }

    /** @return the streams whose key is due for renewal at {@code now}. */
    List<StreamBinding> due(Instant now) {
        Duration maxAge = call.ctx.settings().maxKeyAge();
        List<StreamBinding> out = new ArrayList<>();
        for (StreamBinding b : call.streams.current()) {
            KeyState k = b.keyState;
            if (b.closed || k == null || b.negotiated.srtp() == null) {
                continue;
            }
            boolean old = !maxAge.isZero() && Duration.between(k.installedAt(), now).compareTo(maxAge) >= 0;
            boolean used = k.lifetimePackets() > 0
                    && k.packetsUnderKey(b.packets()) >= (long) (k.lifetimePackets() * Settings.LIFETIME_THRESHOLD);
            if (old || used) {
                out.add(b);
            }
        }
        return out;
    }

    /** Starts a re-keying re-INVITE when a key is due and none is outstanding. */
    void check(Instant now) {
        if (pending || now.isBefore(notBefore) || call.dialog == null) {
            return;
        }
        List<StreamBinding> due = due(now);
        if (due.isEmpty()) {
            return;
        }
        KeyManager km = call.ctx.keyManager();
        SessionDescription last = call.answers == null ? null : call.answers.lastAnswer();
        if (km == null || last == null) {
            call.note("SRTP key renewal due but no key manager is available");
            notBefore = now.plus(RETRY);
            return;
        }
        Map<Integer, StreamBinding> srtp = new TreeMap<>();
        for (StreamBinding b : call.streams.current()) {
            if (!b.closed && b.negotiated.srtp() != null) {
                srtp.put(b.index, b);
            }
        }
        RekeyOffer offer;
        try {
            offer = RekeyOffer.build(last, srtp, km, call.ctx.sdpCodec());
        } catch (RuntimeException e) {
            LOG.warn("session {}: cannot build a re-keying offer: {}", call.id, e.toString());
            call.note("re-keying offer failed: " + e.getMessage());
            notBefore = now.plus(RETRY);
            return;
        }
        SessionDescription sdp = CallMedia.nextVersion(call, offer.description());
        byte[] body = call.ctx.sdpCodec().format(sdp).getBytes(StandardCharsets.UTF_8);
        pending = true;
        attempts++;
        outstanding = offer;
        LOG.info("session {}: SRTP key renewal due on {}; sending a re-INVITE with fresh keys", call.id,
                due.stream().map(b -> b.key).toList());
        try {
            call.dialog.sendRequest("INVITE", List.of(), BodyParts.SDP, body)
                    .whenComplete((resp, err) -> call.ctx.executor().execute(() -> answered(offer, resp, err)));
        } catch (RuntimeException e) {
            answered(offer, null, e);
        }
    }

    /** The outcome of the re-keying re-INVITE, on the component's executor. */
    void answered(RekeyOffer offer, SipResponse resp, Throwable err) {
        synchronized (call) {
            try {
                if (offer != outstanding) {
                    return;
                }
                pending = false;
                outstanding = null;
                Instant now = call.ctx.clock().instant();
                if (call.phase != RecordingCall.Phase.ACTIVE) {
                    return;
                }
                if (err != null || resp == null || resp.statusCode() < 200 || resp.statusCode() >= 300) {
                    int status = resp == null ? 0 : resp.statusCode();
                    String why = err != null ? err.toString() : "answered " + status;
                    LOG.warn("session {}: re-keying re-INVITE failed: {}", call.id, why);
                    call.note("re-keying re-INVITE failed: " + why);
                    notBefore = now.plus(status == 491 ? GLARE_RETRY : RETRY);
                    return;
                }
                if (!RekeyAnswer.apply(call, offer, resp, now)) {
                    notBefore = now.plus(RETRY);
                }
            } finally {
                offer.close();
            }
        }
    }

    /** Wipes what an outstanding offer holds (the call ended). */
    void close() {
        RekeyOffer o = outstanding;
        outstanding = null;
        pending = false;
        if (o != null) {
            o.close();
        }
    }
}
