package dev.siprec.sip.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host name lookups for request targets (RFC 3263 §4.2 A/AAAA only), never on the caller's thread
 * (and, through {@link #offThread}, the outbound connects that follow them):
 * each lookup runs on a small pool of its own, is bounded by {@code dns.timeout.ms}, and its answer
 * (address or failure) is reused for {@code dns.cache.seconds}. Concurrent lookups of one name
 * share one query; address literals never reach the resolver. At most {@link #MAX_ENTRIES} names
 * are kept, and at most {@link #MAX_PENDING} queries wait, so a flood of names cannot grow it.
 */
final class DnsCache {

    private static final Logger LOG = LoggerFactory.getLogger(DnsCache.class);
    static final int MAX_ENTRIES = 4096;
    static final int MAX_PENDING = 256;

    private record Entry(CompletableFuture<InetAddress> answer, long expiresAt) { }

    private final HostResolver resolver;
    private final LongSupplier clockMs;
    private final ExecutorService pool;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    DnsCache(HostResolver resolver, LongSupplier clockMs) {
        this.resolver = resolver;
        this.clockMs = clockMs;
        this.pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_PENDING), r -> {
            Thread t = new Thread(r, "sip-dns");
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /**
     * @return the address of {@code host}, completed on a lookup thread (or at once for a literal or a
     *         cached answer); fails with {@link UnknownHostException} or {@link TimeoutException}
     */
    CompletableFuture<InetAddress> lookup(String host, long timeoutMs, long cacheSeconds) {
        InetAddress literal = literal(host);
        if (literal != null) {
            return CompletableFuture.completedFuture(literal);
        }
        String name = host.toLowerCase(Locale.ROOT);
        long now = clockMs.getAsLong();
        Entry e = cache.get(name);
        if (e != null && (e.expiresAt > now || !e.answer.isDone())) {
            return e.answer;
        }
        CompletableFuture<InetAddress> answer = new CompletableFuture<>();
        Entry fresh = new Entry(answer, now + timeoutMs + cacheSeconds * 1000);
        Entry raced = e == null ? cache.putIfAbsent(name, fresh) : cache.replace(name, e, fresh) ? null : cache.get(name);
        if (raced != null) {
            return raced.answer;
        }
        trim(now);
        answer.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        try {
            pool.execute(() -> {
                try {
                    answer.complete(resolver.resolve(name));
                } catch (UnknownHostException | RuntimeException ex) {
                    answer.completeExceptionally(ex instanceof UnknownHostException ? ex : new UnknownHostException(name + ": " + ex));
                }
            });
        } catch (RejectedExecutionException ex) {
            cache.remove(name, fresh);
            answer.completeExceptionally(new UnknownHostException(name + ": too many lookups pending"));
        }
        if (cacheSeconds == 0) {
            answer.whenComplete((a, t) -> cache.remove(name, fresh));
        }
        return answer;
    }

    /** Keeps the table bounded: expired entries go first, then (if still full) everything settled. */
    private void trim(long now) {
        if (cache.size() <= MAX_ENTRIES) {
            return;
        }
        cache.values().removeIf(x -> x.answer.isDone() && x.expiresAt <= now);
        if (cache.size() > MAX_ENTRIES) {
            LOG.debug("DNS cache full ({} names): settled entries dropped", cache.size());
            cache.values().removeIf(x -> x.answer.isDone());
        }
    }

    int size() {
        return cache.size();
    }

    /**
     * Runs blocking work that must not run on the SIP timer thread (an outbound TCP/TLS connect) on
     * this pool.
     */
    <T> CompletableFuture<T> offThread(java.util.concurrent.Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Exception e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new java.io.IOException("too much outbound work pending", e));
        }
        return f;
    }

    void close() {
        pool.shutdownNow();
    }

    /** @return the address for an IPv4 or IPv6 literal (brackets allowed), or {@code null} for a name. */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty()) {
            return null;
        }
        boolean v6 = h.indexOf(':') >= 0;
        if (!v6) {
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                if (c != '.' && (c < '0' || c > '9')) {
                    return null;
                }
            }
        } else {
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.' && c != '%') {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(h); // a literal by the checks above: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
