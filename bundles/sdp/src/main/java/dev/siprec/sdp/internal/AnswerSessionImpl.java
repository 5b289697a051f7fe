package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.keys.api.MasterKey;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SessionDescription.Origin;
import dev.siprec.sdp.api.SrtpParameters;

/**
 * Offer/answer state of one recording session. Each answer is computed in full before anything is
 * committed, so an unacceptable re-offer leaves the previous answer, keys and version in force.
 */
final class AnswerSessionImpl implements AnswerSession {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerSessionImpl.class);

    private final Supplier<MediaNegotiator> negotiator;
    private final KeyManager keys;
    private final Origin initialOrigin;
    private Origin origin;
    private SessionDescription lastAnswer;
    private int lastOfferMedia;
    private final Map<Integer, SrtpParameters> srtp = new HashMap<>();
    private boolean closed;

    AnswerSessionImpl(Supplier<MediaNegotiator> negotiator, KeyManager keys, String addressType, String address) {
        this.negotiator = negotiator;
        this.keys = keys;
        String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 32, Long.MAX_VALUE));
        this.initialOrigin = new Origin("-", id, 1, addressType, address);
    }

    @Override
    public synchronized OfferAnswer answer(SessionDescription offer, MediaEndpoints endpoints) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(endpoints, "endpoints");
        if (closed) {
            throw new IllegalStateException("answer session is closed");
        }
        int n = offer.media().size();
        if (n < lastOfferMedia) {
            return new OfferAnswer(null, List.of(), "the re-offer has " + n + " m-lines, fewer than the "
                    + lastOfferMedia + " of the previous offer (RFC 3264 §8)");
        }
        MediaNegotiator mn = negotiator.get();
        List<MediaNegotiator.Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            proposals.add(mn.evaluate(offer, i));
        }
        List<NegotiatedMedia> result = new ArrayList<>();
        List<MasterKey> fresh = new ArrayList<>();
        try {
            for (MediaNegotiator.Proposal p : proposals) {
                result.add(complete(p, endpoints, fresh));
            }
        } catch (RuntimeException e) {
            wipeAttempt(proposals, fresh);
            throw e;
        }
        if (result.stream().noneMatch(NegotiatedMedia::accepted)) {
            wipeAttempt(proposals, fresh);
            return new OfferAnswer(null, result, summary(result));
        }
        origin = origin == null ? initialOrigin : origin.nextVersion();
        SessionDescription answer = AnswerBuilder.build(origin, offer, result);
        commit(result);
        lastAnswer = answer;
        lastOfferMedia = n;
        LOG.debug("answered offer with {} m-line(s), {} accepted, version {}", n,
                result.stream().filter(NegotiatedMedia::accepted).count(), origin.sessionVersion());
        return new OfferAnswer(answer, result, null);
    }

    /** Adds the local endpoint and, for SRTP, the server's key (kept when the chosen offer crypto is unchanged). */
    private NegotiatedMedia complete(MediaNegotiator.Proposal p, MediaEndpoints endpoints, List<MasterKey> fresh) {
        NegotiatedMedia nm = p.media();
        if (!nm.accepted()) {
            return nm;
        }
        Optional<LocalEndpoint> local = endpoints.endpoint(nm);
        if (local == null || local.isEmpty()) {
            if (p.crypto() != null) {
                p.crypto().offered().wipe();
            }
            return refuse(nm, "no local media endpoint available");
        }
        SrtpParameters params = null;
        if (p.crypto() != null) {
            CryptoAttribute offered = p.crypto().offered();
            SrtpParameters previous = srtp.get(nm.index());
            if (previous != null && previous.remote().equals(offered) && !previous.localKey().isDestroyed()) {
                params = new SrtpParameters(previous.suite(), previous.keyLength(), previous.saltLength(), offered,
                        previous.local(), previous.localKey());
            } else {
                MasterKey key;
                try {
                    key = keys.newMasterKey(p.crypto().suite());
                } catch (IllegalStateException | IllegalArgumentException e) {
                    LOG.warn("no SRTP key for m-line {}: {}", nm.index(), e.getMessage());
                    offered.wipe();
                    return refuse(nm, "no SRTP key available: " + e.getMessage());
                }
                fresh.add(key);
                byte[] raw = key.keyAndSalt();
                CryptoAttribute answer;
                try {
                    answer = new CryptoAttribute(offered.tag(), offered.suite(),
                            List.of(KeyParam.inline(raw, null, null)), CryptoNegotiator.answerParams(offered));
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
                params = new SrtpParameters(offered.suite(), key.keyLength(), key.saltLength(), offered, answer, key);
            }
        }
        return new NegotiatedMedia(nm.index(), nm.media(), nm.protocol(), nm.label(), true, null, nm.codecs(),
                nm.offeredDirection(), nm.direction(), nm.rtcpMux(), nm.ptime(), nm.remote(), local.get(), params);
    }

    private static NegotiatedMedia refuse(NegotiatedMedia nm, String reason) {
        return new NegotiatedMedia(nm.index(), nm.media(), nm.protocol(), nm.label(), false, reason, List.of(),
                nm.offeredDirection(), nm.direction(), nm.rtcpMux(), 0, null, null, null);
    }

    /** Keeps the new SRTP state per m-line and wipes what it replaces. */
    private void commit(List<NegotiatedMedia> result) {
        Map<Integer, SrtpParameters> next = new HashMap<>();
        for (NegotiatedMedia nm : result) {
            if (nm.srtp() != null) {
                next.put(nm.index(), nm.srtp());
            }
        }
        for (Map.Entry<Integer, SrtpParameters> old : srtp.entrySet()) {
            SrtpParameters now = next.get(old.getKey());
            SrtpParameters was = old.getValue();
            if (now == null || now.localKey() != was.localKey()) {
                was.localKey().close();
                was.local().wipe();
            }
            if (now == null || now.remote() != was.remote()) {
                was.remote().wipe();
            }
        }
        srtp.clear();
        srtp.putAll(next);
    }

    /** Wipes the keys of an answer that is not sent. */
    private void wipeAttempt(List<MediaNegotiator.Proposal> proposals, List<MasterKey> fresh) {
        fresh.forEach(MasterKey::close);
        for (MediaNegotiator.Proposal p : proposals) {
            if (p.crypto() != null) {
                p.crypto().offered().wipe();
            }
        }
    }

    private static String summary(List<NegotiatedMedia> result) {
        if (result.isEmpty()) {
            return "the offer has no m-line";
        }
        StringBuilder b = new StringBuilder("no m-line acceptable: ");
        for (NegotiatedMedia nm : result) {
            b.append(nm.index() == 0 ? "" : "; ").append("m-line ").append(nm.index()).append(" (").append(nm.media())
                    .append(' ').append(nm.protocol()).append("): ").append(nm.reason());
        }
        return b.toString();
    }

    @Override
    public synchronized SessionDescription lastAnswer() {
        return lastAnswer;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SrtpParameters p : srtp.values()) {
            p.localKey().close();
            p.local().wipe();
            p.remote().wipe();
        }
        srtp.clear();
    }
}
