package dev.siprec.srtp.sdes.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.kex.api.KeyingProposal;
import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * SDES state of one recording session: the committed keys per m-line. A re-offer whose chosen
 * {@code a=crypto} is unchanged keeps the server's key (RFC 4568 §7.1.4); otherwise a fresh key is
 * proposed and the old one wiped when the new answer is committed.
 */
final class SdesSession implements KeyExchangeSession {
    private static final Logger LOG = LoggerFactory.getLogger(SdesSession.class);

    private final SrtpCryptoSuiteRegistry registry;
    private final KeyManager keys;
    private final SdpCodec codec;
    private final Map<Integer, SdesKeys> committed = new HashMap<>();
    private boolean closed;

    SdesSession(SrtpCryptoSuiteRegistry registry, KeyManager keys, SdpCodec codec) {
        this.registry = registry;
        this.keys = keys;
        this.codec = codec;
    }

    @Override
    public synchronized KeyingProposal propose(KeyingRequest request) {
        if (closed) {
            throw new IllegalStateException("SDES session is closed");
        }
        CryptoNegotiator.Result r = CryptoNegotiator.choose(request, registry, codec);
        if (r.choice() == null) {
            return KeyingProposal.refused("no acceptable a=crypto: " + r.reason());
        }
        CryptoAttribute offered = r.choice().offered();
        SdesKeys previous = committed.get(request.index());
        SrtpParameters was = previous == null ? null : previous.params();
        if (was != null && was.remote().equals(offered) && !was.localKey().isDestroyed()) {
            SrtpParameters kept = new SrtpParameters(was.suite(), was.keyLength(), was.saltLength(), offered, was.local(),
                    was.localKey());
            return new Proposal(request.index(), new SdesKeys(kept), false);
        }
        SrtpMasterKey key;
        try {
            key = keys.newMasterKey(r.choice().suite());
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.warn("no SRTP key for m-line {}: {}", request.index(), e.getMessage());
            offered.close();
            return KeyingProposal.refused("no SRTP key available: " + e.getMessage());
        }
        byte[] raw = key.keyAndSalt();
        CryptoAttribute answer;
        try {
            answer = new CryptoAttribute(offered.tag(), offered.suite(), List.of(KeyParam.inline(raw, null, null)),
                    CryptoNegotiator.answerParams(offered));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        SrtpParameters fresh = new SrtpParameters(offered.suite(), key.keyLength(), key.saltLength(), offered, answer, key);
        return new Proposal(request.index(), new SdesKeys(fresh), true);
    }

    /** Makes {@code now} the keys of {@code index}; wipes what it replaces and does not reuse. */
    private synchronized void commit(int index, SdesKeys now, boolean fresh) {
        if (closed) {
            wipe(now, fresh);
            return;
        }
        SdesKeys old = committed.put(index, now);
        if (old != null) {
            SrtpParameters was = old.params();
            SrtpParameters is = now.params();
            old.markWiped();
            if (was.localKey() != is.localKey()) {
                was.localKey().close();
                was.local().close();
            }
            if (was.remote() != is.remote()) {
                was.remote().close();
            }
        }
    }

    private static void wipe(SdesKeys k, boolean ownsLocal) {
        k.markWiped();
        k.params().remote().close();
        if (ownsLocal) {
            k.params().localKey().close();
            k.params().local().close();
        }
    }

    @Override
    public synchronized void release(int index) {
        SdesKeys old = committed.remove(index);
        if (old != null) {
            wipe(old, true);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SdesKeys k : new ArrayList<>(committed.values())) {
            wipe(k, true);
        }
        committed.clear();
    }

    /** An SDES proposal: the chosen offer attribute, the answer's, and whether the server key is new. */
    private final class Proposal implements KeyingProposal {
        private final int index;
        private final SdesKeys keys;
        private final boolean fresh;
        private boolean done;

        Proposal(int index, SdesKeys keys, boolean fresh) {
            this.index = index;
            this.keys = keys;
            this.fresh = fresh;
        }

        @Override
        public Optional<String> refusal() {
            return Optional.empty();
        }

        @Override
        public List<Attribute> answerAttributes() {
            return List.of(new Attribute("crypto", codec.formatCrypto(keys.params().local())));
        }

        @Override
        public MediaKeys keys() {
            return keys;
        }

        @Override
        public void commit() {
            if (!done) {
                done = true;
                SdesSession.this.commit(index, keys, fresh);
            }
        }

        @Override
        public void discard() {
            if (!done) {
                done = true;
                wipe(keys, fresh);
            }
        }
    }
}
