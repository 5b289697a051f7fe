package dev.siprec.keys.internal.tls;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Wraps the JDK's PKIX trust manager and caches its verdict per certificate chain, peer host and
 * role, so that a recording client reconnecting every few seconds is not re-validated each time.
 * A positive verdict is reused until the TTL or the earliest {@code notAfter} of the chain; a
 * negative one for a shorter time. Host-name checks (endpoint identification, RFC 2818 §3.1 /
 * RFC 5922 §7) are part of the cached verdict because the host is part of the key.
 */
final class CachingTrustManager extends X509ExtendedTrustManager {
    private static final int MAX_ENTRIES = 1024;
    private static final long POSITIVE_TTL = TimeUnit.MINUTES.toMillis(10);
    private static final long NEGATIVE_TTL = TimeUnit.MINUTES.toMillis(1);

    private record Verdict(long until, CertificateException failure) {
    }

    private final X509ExtendedTrustManager delegate;
    private final LongSupplier clock;
    private final Map<String, Verdict> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private long hits;
    private long misses;

    CachingTrustManager(X509ExtendedTrustManager delegate, LongSupplier currentTimeMillis) {
        this.delegate = delegate;
        this.clock = currentTimeMillis;
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }

    private void cached(String role, X509Certificate[] chain, String authType, String host, Check check)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty certificate chain");
        }
        String key = key(role, chain, authType, host);
        long now = clock.getAsLong();
        Verdict v;
        synchronized (cache) {
            v = cache.get(key);
            if (v != null && now >= v.until) {
                cache.remove(key);
                v = null;
            }
            if (v != null) {
                hits++;
            } else {
                misses++;
            }
        }
        if (v != null) {
            if (v.failure != null) {
                throw new CertificateException(v.failure.getMessage(), v.failure);
            }
            return;
        }
        try {
            check.run();
            long until = now + POSITIVE_TTL;
            for (X509Certificate c : chain) {
                until = Math.min(until, c.getNotAfter().getTime());
            }
            put(key, new Verdict(until, null));
        } catch (CertificateException e) {
            put(key, new Verdict(now + NEGATIVE_TTL, e));
            throw e;
        }
    }

    private void put(String key, Verdict v) {
        synchronized (cache) {
            cache.put(key, v);
        }
    }

    /** @return cache hits and misses, for tests and status */
    long[] stats() {
        synchronized (cache) {
            return new long[] {hits, misses};
        }
    }

    private static String key(String role, X509Certificate[] chain, String authType, String host)
            throws CertificateException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (X509Certificate c : chain) {
                md.update(c.getEncoded());
            }
            md.update((role + '|' + authType + '|' + host).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new CertificateException("cannot encode certificate chain", e);
        }
    }

    private static String host(SSLEngine engine) {
        if (engine == null) {
            return "";
        }
        String alg = engine.getSSLParameters().getEndpointIdentificationAlgorithm();
        return (alg == null ? "" : alg) + '@' + engine.getPeerHost();
    }

    private static String host(Socket socket) {
        return socket == null ? "" : String.valueOf(socket.getInetAddress());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        cached("client", chain, authType, "", () -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        cached("server", chain, authType, host(engine), () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        cached("client", chain, authType, "", () -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        cached("server", chain, authType, host(socket), () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        cached("client", chain, authType, "", () -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        cached("server", chain, authType, "", () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
