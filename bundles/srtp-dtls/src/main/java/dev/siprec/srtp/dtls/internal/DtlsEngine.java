package dev.siprec.srtp.dtls.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * What every association of one configuration shares: the Bouncy Castle crypto (a private
 * {@link SecureRandom}, no provider installed globally), the stateless cookie verifier, the bounded
 * handshake threads, one timer thread, the counters and the rotating identity. Closing it stops the
 * threads; nothing of it is static.
 */
final class DtlsEngine implements AutoCloseable {
    private final DtlsSettings settings;
    private final SecureRandom random;
    private final BcTlsCrypto crypto;
    private final DTLSVerifier verifier;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final DtlsCounters counters = new DtlsCounters();
    private final IdentityHolder identities;
    private final DTLSServerProtocol serverProtocol = new DTLSServerProtocol();
    private final DTLSClientProtocol clientProtocol = new DTLSClientProtocol();

    DtlsEngine(DtlsSettings settings) {
        this.settings = settings;
        this.random = new SecureRandom();
        this.crypto = new BcTlsCrypto(random);
        this.verifier = new DTLSVerifier(crypto);
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 30, TimeUnit.SECONDS,
                settings.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queue()),
                threads("dtls-handshake-"));
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("dtls-timer-"));
        this.identities = new IdentityHolder(random, settings.rotation(), timer);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A new association keyed by a handshake in {@code role}, answered with the current identity. */
    Association associate(Association.Role role, List<SrtpProfile> profiles, List<Fingerprint> expected,
                          InetSocketAddress offerPeer) {
        return new Association(this, role, profiles, expected, identities.current(), offerPeer);
    }

    /** @return a fresh {@code a=tls-id} value: 24 random bytes, base64url without padding (32 characters, RFC 8842 §4). */
    String newTlsId() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    DtlsSettings settings() {
        return settings;
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    DTLSVerifier verifier() {
        return verifier;
    }

    DTLSServerProtocol serverProtocol() {
        return serverProtocol;
    }

    DTLSClientProtocol clientProtocol() {
        return clientProtocol;
    }

    DtlsCounters counters() {
        return counters;
    }

    IdentityHolder identities() {
        return identities;
    }

    /** @return false when every handshake thread and the queue are busy. */
    boolean run(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Time for an association to complete a handshake after its port is attached (retries included). */
    long deadlineMillis() {
        return settings.handshakeTimeout().toMillis() * 3;
    }

    /** Runs {@code task} after {@link #deadlineMillis()}; returns what cancels it. */
    Runnable deadline(Runnable task) {
        try {
            ScheduledFuture<?> f = timer.schedule(task, deadlineMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { };
        }
    }

    /** @return threads currently alive in the pool (tests check nothing leaks). */
    int liveThreads() {
        return pool.getPoolSize();
    }

    int activeHandshakes() {
        return pool.getActiveCount();
    }

    @Override
    public void close() {
        identities.close();
        pool.shutdownNow();
        timer.shutdownNow();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS) && timer.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
