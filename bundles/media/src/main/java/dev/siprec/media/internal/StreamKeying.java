package dev.siprec.media.internal;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.MediaKeys;
import dev.siprec.kex.api.MediaPort;
import dev.siprec.kex.api.MediaPortHandler;
import dev.siprec.media.api.StreamSettings;
import dev.siprec.media.internal.rtp.SrtpContexts;
import dev.siprec.srtp.api.SrtpEngine;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * Where one stream's SRTP keys come from: the {@link MediaKeys} of its key exchange (at once for
 * SDES; when {@link MediaKeys#ready()} completes for a handshake such as DTLS-SRTP, RFC 5764 §4.2),
 * or a policy given directly (the server's own SDES re-keying). Until the first keys exist the
 * stream is {@linkplain #awaitingKeys() awaiting keys}: its packets are dropped undecoded. Later keys
 * (a re-offer) are installed beside the current ones ({@link SrtpContexts#rekey}). The key
 * exchange's {@link MediaPortHandler}, if any, is attached to the stream's port and receives the
 * DTLS datagrams (RFC 7983 §7).
 * <p>
 * Every method except the completion of {@code ready()} runs under the receiver's lock. A
 * completion on another thread is posted to the stream's I/O loop, never run under a key exchange's
 * own lock, so the two locks are never taken in opposite orders. Keys completed for a keying that
 * was replaced or closed since are ignored (a generation count).
 */
final class StreamKeying {
    private static final Logger LOG = LoggerFactory.getLogger(StreamKeying.class);

    private final String key;
    private final Object lock;
    private final Executor loop;
    private final Supplier<SrtpEngine> engine;
    private final MediaPort port;
    /** The engine given to the last {@link #apply}, for keys available at once. */
    private SrtpEngine engineNow;
    private SrtpContexts srtp;
    private MediaKeys keys;
    private MediaPortHandler handler;
    private boolean secure;
    private String failure;
    private long generation;
    private boolean closed;
    /** The suite of the last keys installed, kept after {@link #close()} for the final statistics. */
    private String lastSuite;
    /** The thread inside {@link #apply} while it registers on {@code ready()}: a completion on it is synchronous. */
    private Thread applying;

    /**
     * @param lock the receiver's lock, held by the caller of every method
     * @param loop runs tasks on the stream's I/O thread
     * @param engine the SRTP engine for keys that arrive later, or {@code null} to use the one last given
     * @param port the stream's RTP port as a key exchange sees it
     */
    StreamKeying(String key, Object lock, Executor loop, Supplier<SrtpEngine> engine, MediaPort port) {
        this.key = key;
        this.lock = lock;
        this.loop = loop;
        this.engine = engine;
        this.port = port;
    }

    /** Keying fixed at creation (plain RTP when {@code srtp} is {@code null}), for the packet path's own tests. */
    static StreamKeying of(String key, SrtpContexts srtp) {
        StreamKeying k = new StreamKeying(key, new Object(), Runnable::run, null, null);
        k.srtp = srtp;
        k.secure = srtp != null;
        return k;
    }

    /**
     * Applies the keying of new settings (start or renegotiation).
     *
     * @throws IllegalArgumentException when keys available now cannot be used (no SRTP engine, policy refused)
     */
    void apply(StreamSettings s, SrtpEngine engineNow) {
        this.engineNow = engineNow;
        if (s.keys() != null) {
            secure = true;
            if (s.keys() == keys) {
                return; // same keying: nothing changes (RFC 4568 §7.1.4, RFC 8842 §5.4)
            }
            useKeys(s.keys());
        } else if (s.srtp() != null) {
            secure = true;
            cancel();
            install(s.srtp(), false); // the engine closes the keys it is given; the caller closes them on the other paths
        } else {
            secure = false;
            lastSuite = null;
            cancel();
            if (srtp != null) {
                srtp.close();
                srtp = null;
            }
        }
    }

    private void useKeys(MediaKeys next) {
        long gen = ++generation;
        keys = next;
        failure = null;
        attach(handlerOf(next));
        applying = Thread.currentThread();
        try {
            next.ready().whenComplete((v, error) -> {
                if (Thread.currentThread() == applying) {
                    completed(gen, next, error);
                } else {
                    loop.execute(() -> {
                        synchronized (lock) {
                            completed(gen, next, error);
                        }
                    });
                }
            });
        } finally {
            applying = null;
        }
        if (failure != null && srtp == null && gen == generation) {
            throw new IllegalArgumentException(failure);
        }
    }

    /** The keys of {@code next} exist (or never will): installs them unless a later keying replaced them. */
    private void completed(long gen, MediaKeys next, Throwable error) {
        if (closed || gen != generation) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failure = "keys from " + source(next) + " unavailable: " + cause.getMessage();
            LOG.warn("Stream {}: {}; its SRTP packets are dropped", key, failure);
            return;
        }
        SrtpPolicy policy;
        try {
            policy = next.receivePolicy();
        } catch (RuntimeException e) {
            failure = "keys from " + source(next) + " unusable: " + e.getMessage();
            LOG.warn("Stream {}: {}", key, failure);
            return;
        }
        try {
            install(policy, true);
            LOG.debug("Stream {}: SRTP keys from {} installed ({})", key, source(next), policy.suite());
        } catch (RuntimeException e) {
            failure = "keys from " + source(next) + " refused: " + e.getMessage();
            LOG.warn("Stream {}: {}", key, failure);
        }
    }

    /**
     * Opens or re-keys the SRTP contexts from {@code policy}. The engine closes the keys it is given
     * ({@code SrtpEngine.newSession}); when {@code owned}, the keys are also closed on the paths that do
     * not reach the engine (same keys, no engine).
     */
    private void install(SrtpPolicy policy, boolean owned) {
        SrtpEngine e = engine == null ? engineNow : engine.get();
        try {
            if (srtp == null) {
                srtp = SrtpContexts.open(key, e, policy);
            } else {
                srtp.rekey(e, policy);
            }
            lastSuite = srtp.suite();
        } finally {
            if (owned) {
                policy.keys().forEach(SrtpMasterKey::close);
            }
        }
    }

    /** Forgets the key exchange keys (a late completion is then ignored) and detaches its port handler. */
    private void cancel() {
        generation++;
        keys = null;
        failure = null;
        attach(null);
    }

    private void attach(MediaPortHandler next) {
        if (next == handler) {
            return;
        }
        MediaPortHandler old = handler;
        handler = next;
        if (old != null) {
            contained("detach", old::detach);
        }
        if (next != null) {
            contained("attach", () -> next.attach(port));
        }
    }

    private MediaPortHandler handlerOf(MediaKeys k) {
        try {
            Optional<MediaPortHandler> h = k.mediaPortHandler();
            return h == null ? null : h.orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("Stream {}: key exchange {} failed to give its media port handler", key, source(k), e);
            return null;
        }
    }

    /**
     * A datagram of the key exchange (first byte 20..63, RFC 7983 §7) from a source the stream accepts.
     *
     * @return {@code false} when no handler takes it (the caller counts it as malformed)
     */
    boolean keyExchangeDatagram(byte[] b, int length, InetSocketAddress source) {
        MediaPortHandler h = handler;
        if (h == null) {
            return false;
        }
        try {
            h.datagram(b, 0, length, source);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Stream {}: key exchange handler failed on a datagram from {}: {}", key, source, e.toString());
            return false;
        }
    }

    /** @return the SRTP contexts, or {@code null} for plain RTP and while {@link #awaitingKeys()} */
    SrtpContexts srtp() {
        return srtp;
    }

    /** @return {@code true} while the stream is SRTP but has no keys yet (its packets are dropped) */
    boolean awaitingKeys() {
        return secure && srtp == null;
    }

    /**
     * @return the suite in use, else the suite the key exchange announces, else (once closed) the
     *         suite of the last keys installed, else {@code null}
     */
    String suite() {
        if (srtp != null) {
            return srtp.suite();
        }
        if (closed) {
            return lastSuite;
        }
        if (keys != null) {
            try {
                return keys.info().suite();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** Ends the stream: detaches the port handler, ignores later keys, wipes the SRTP contexts. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancel();
        if (srtp != null) {
            srtp.close();
            srtp = null;
        }
    }

    private void contained(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Stream {}: media port handler {} failed", key, what, e);
        }
    }

    private static String source(MediaKeys k) {
        try {
            return k.info().source();
        } catch (RuntimeException e) {
            return "the key exchange";
        }
    }
}
