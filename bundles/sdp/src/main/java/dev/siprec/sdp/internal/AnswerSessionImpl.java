package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeContext;
import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.kex.api.KeyedAnswerSession;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SessionDescription.Origin;

/**
 * Offer/answer state of one recording session. Each answer is computed in full before anything is
 * committed, so an unacceptable re-offer leaves the previous answer, keys and version in force.
 * The SRTP keys live in the sessions of the key exchanges (one per key exchange used), which this
 * session commits, releases and closes; the {@link MediaKeys} of the answer sent are handed to the
 * media layer through {@link #mediaKeys(int)}.
 */
final class AnswerSessionImpl implements KeyedAnswerSession {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerSessionImpl.class);

    private final Supplier<MediaNegotiator> negotiator;
    private final KeyExchangeContext context;
    private final Origin initialOrigin;
    private final Map<KeyExchange, KeyExchangeSession> kexSessions = new IdentityHashMap<>();
    private final Map<Integer, MediaKeys> committedKeys = new TreeMap<>();
    private Origin origin;
    private SessionDescription lastAnswer;
    private int lastOfferMedia;
    private boolean closed;

    AnswerSessionImpl(Supplier<MediaNegotiator> negotiator, KeyExchangeContext context, String addressType,
                      String address) {
        this.negotiator = negotiator;
        this.context = context;
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
        List<NegotiatedMedia> result = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                proposals.add(mn.evaluate(offer, i, this::kexSession));
            }
            for (int i = 0; i < n; i++) {
                MediaNegotiator.Proposal p = complete(proposals.get(i), endpoints);
                proposals.set(i, p);
                result.add(p.media());
            }
        } catch (RuntimeException e) {
            discard(proposals);
            throw e;
        }
        if (result.stream().noneMatch(NegotiatedMedia::accepted)) {
            discard(proposals);
            return new OfferAnswer(null, result, summary(result));
        }
        origin = origin == null ? initialOrigin : origin.nextVersion();
        SessionDescription answer = AnswerBuilder.build(origin, offer, proposals);
        commit(proposals);
        lastAnswer = answer;
        lastOfferMedia = n;
        List<NegotiatedMedia> refused = result.stream()
                .filter(nm -> !nm.accepted() && offer.media().get(nm.index()).port() != 0).toList();
        if (!refused.isEmpty()) {
            LOG.info("offer answered, {} m-line(s) refused: {}", refused.size(), describe(refused));
        }
        LOG.debug("answered offer with {} m-line(s), {} accepted, version {}", n,
                result.stream().filter(NegotiatedMedia::accepted).count(), origin.sessionVersion());
        return new OfferAnswer(answer, result, null);
    }

    private KeyExchangeSession kexSession(KeyExchange kex) {
        return kexSessions.computeIfAbsent(kex, k -> k.open(context));
    }

    /** Adds the local endpoint; a line refused for want of one gives its keying back. */
    private static MediaNegotiator.Proposal complete(MediaNegotiator.Proposal p, MediaEndpoints endpoints) {
        NegotiatedMedia nm = p.media();
        if (!nm.accepted()) {
            return p;
        }
        Optional<LocalEndpoint> local = endpoints.endpoint(nm);
        if (local == null || local.isEmpty()) {
            if (p.keying() != null) {
                p.keying().discard();
            }
            return new MediaNegotiator.Proposal(refuse(nm, "no local media endpoint available"), null, null);
        }
        return new MediaNegotiator.Proposal(new NegotiatedMedia(nm.index(), nm.media(), nm.protocol(), nm.label(), true,
                null, nm.codecs(), nm.offeredDirection(), nm.direction(), nm.rtcpMux(), nm.ptime(), nm.remote(),
                local.get(), nm.srtp()), p.kex(), p.keying());
    }

    private static NegotiatedMedia refuse(NegotiatedMedia nm, String reason) {
        return new NegotiatedMedia(nm.index(), nm.media(), nm.protocol(), nm.label(), false, reason, List.of(),
                nm.offeredDirection(), nm.direction(), nm.rtcpMux(), 0, null, null, null);
    }

    /** Commits the keying of the answer sent, and releases every m-line a key exchange no longer keys. */
    private void commit(List<MediaNegotiator.Proposal> proposals) {
        committedKeys.clear();
        for (MediaNegotiator.Proposal p : proposals) {
            if (p.keying() != null) {
                contained(p.kex(), () -> {
                    p.keying().commit();
                    MediaKeys keys = p.keying().keys();
                    if (keys != null && p.media().accepted()) {
                        committedKeys.put(p.media().index(), keys);
                    }
                });
            }
        }
        for (Map.Entry<KeyExchange, KeyExchangeSession> e : kexSessions.entrySet()) {
            for (MediaNegotiator.Proposal p : proposals) {
                if (p.kex() != e.getKey()) {
                    int index = p.media().index();
                    contained(e.getKey(), () -> e.getValue().release(index));
                }
            }
        }
    }

    /** Wipes the keying of an answer that is not sent. */
    private static void discard(List<MediaNegotiator.Proposal> proposals) {
        for (MediaNegotiator.Proposal p : proposals) {
            if (p.keying() != null) {
                contained(p.kex(), () -> p.keying().discard());
            }
        }
    }

    private static void contained(KeyExchange kex, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("key exchange {} failed", kex, e);
        }
    }

    private static String summary(List<NegotiatedMedia> result) {
        return result.isEmpty() ? "the offer has no m-line" : "no m-line acceptable: " + describe(result);
    }

    private static String describe(List<NegotiatedMedia> result) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < result.size(); i++) {
            NegotiatedMedia nm = result.get(i);
            b.append(i == 0 ? "" : "; ").append("m-line ").append(nm.index()).append(" (").append(nm.media())
                    .append(' ').append(nm.protocol()).append("): ").append(nm.reason());
        }
        return b.toString();
    }

    @Override
    public synchronized Optional<MediaKeys> mediaKeys(int index) {
        return closed ? Optional.empty() : Optional.ofNullable(committedKeys.get(index));
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
        for (Map.Entry<KeyExchange, KeyExchangeSession> e : kexSessions.entrySet()) {
            contained(e.getKey(), e.getValue()::close);
        }
        kexSessions.clear();
        committedKeys.clear();
    }
}
