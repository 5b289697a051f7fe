package dev.siprec.sip.transport.ws.internal;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.util.ssl.SslContextFactory;

import dev.siprec.keys.api.TlsCredentials;
import dev.siprec.sip.transport.common.TlsPolicy;

/**
 * The TLS side of a WSS listener: the credentials from the {@code keys} bundle and the same policy
 * as the TLS transport (TLS 1.2 minimum, AEAD suites with forward secrecy, optional mutual TLS), with
 * TLS renegotiation refused.
 */
final class WssTls {
    private final TlsCredentials credentials;
    private final TlsPolicy policy;

    WssTls(TlsCredentials credentials, TlsPolicy policy) {
        this.credentials = credentials;
        this.policy = policy;
    }

    SslContextFactory.Server contextFactory() {
        SslContextFactory.Server f = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                super.customize(engine);
                policy.apply(engine, true);
            }
        };
        f.setSslContext(credentials.sslContext());
        f.setIncludeProtocols(policy.protocols());
        f.setIncludeCipherSuites(policy.cipherSuites());
        f.setRenegotiationAllowed(false);
        f.setNeedClientAuth(policy.clientAuth() == TlsPolicy.ClientAuth.NEED);
        f.setWantClientAuth(policy.clientAuth() == TlsPolicy.ClientAuth.WANT);
        f.setEndpointIdentificationAlgorithm(null);
        return f;
    }

    Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tls.protocols", String.join(",", policy.protocols()));
        d.put("tls.cipher.suites", String.join(",", policy.cipherSuites()));
        d.put("client.auth", policy.clientAuth().name().toLowerCase(Locale.ROOT));
        List<X509Certificate> chain = credentials.certificateChain();
        X509Certificate leaf = chain.get(0);
        d.put("certificate.subject", leaf.getSubjectX500Principal().getName());
        d.put("certificate.notAfter", leaf.getNotAfter().toInstant().toString());
        d.put("certificate.fingerprint", credentials.fingerprint());
        return d;
    }

    void close() {
        credentials.close();
    }
}
