package dev.siprec.srtp.sdes.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyingInfo;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * SDES keys of one m-line: known at answer time, so {@link #ready()} is complete. Policies are
 * fresh copies owned by the caller. Once the session wipes these keys (replaced, released, closed
 * or discarded) the policies are no longer available.
 */
final class SdesKeys implements MediaKeys {
    private static final CompletionStage<Void> READY = CompletableFuture.completedFuture(null);

    private final SrtpParameters params;
    private final KeyingInfo info;
    private volatile boolean wiped;

    SdesKeys(SrtpParameters params) {
        this.params = params;
        this.info = new KeyingInfo(KeyExchange.SDES, params.suite(), null, "answerer", null);
    }

    SrtpParameters params() {
        return params;
    }

    void markWiped() {
        wiped = true;
    }

    @Override
    public KeyingInfo info() {
        return info;
    }

    @Override
    public CompletionStage<Void> ready() {
        return READY;
    }

    @Override
    public SrtpPolicy receivePolicy() {
        check();
        return params.remotePolicy();
    }

    @Override
    public SrtpPolicy sendPolicy() {
        check();
        return params.localPolicy();
    }

    @Override
    public Optional<SrtpParameters> sdesParameters() {
        return Optional.of(params);
    }

    private void check() {
        if (wiped || params.localKey().isDestroyed()) {
            throw new IllegalStateException("SDES keys of this m-line were wiped");
        }
    }

    @Override
    public String toString() {
        return "SdesKeys[" + params.suite() + ", tag " + params.tag() + (wiped ? ", wiped" : "") + "]";
    }
}
