package dev.siprec.sip.transport.tls.internal;

import dev.siprec.sip.transport.common.TlsPolicy;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import dev.siprec.keys.api.TlsCredentials;
import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.stream.LayerFactory;
import dev.siprec.sip.transport.stream.StreamLayer;

/**
 * Creates the TLS layer of each connection from the listener's current credentials, so that a
 * reloaded certificate applies to new connections. Outbound connections validate the server's
 * chain against the trust store and its name (endpoint identification as for HTTPS, RFC 2818 §3.1;
 * RFC 5922 §7.2 for SIP domains) and send SNI for host names (RFC 6066 §3).
 */
final class TlsLayers implements LayerFactory {
    private final TlsCredentials credentials;
    private final TlsPolicy policy;

    TlsLayers(TlsCredentials credentials, TlsPolicy policy) {
        this.credentials = credentials;
        this.policy = policy;
    }

    @Override
    public StreamLayer server(InetSocketAddress remote) {
        SSLEngine engine = credentials.sslContext().createSSLEngine(Addresses.text(remote.getAddress()), remote.getPort());
        engine.setUseClientMode(false);
        policy.apply(engine, true);
        return new TlsLayer(engine);
    }

    @Override
    public StreamLayer client(InetSocketAddress remote, String serverName) {
        String host = serverName == null || serverName.isBlank() ? Addresses.text(remote.getAddress())
                : serverName.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        SSLEngine engine = credentials.sslContext().createSSLEngine(host, remote.getPort());
        engine.setUseClientMode(true);
        policy.apply(engine, false);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(params);
        return new TlsLayer(engine);
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tls.protocols", String.join(",", policy.protocols()));
        d.put("tls.cipher.suites", String.join(",", policy.cipherSuites()));
        d.put("client.auth", policy.clientAuth().name().toLowerCase(Locale.ROOT));
        List<X509Certificate> chain = credentials.certificateChain();
        X509Certificate leaf = chain.get(0);
        d.put("certificate.subject", leaf.getSubjectX500Principal().getName());
        d.put("certificate.issuer", leaf.getIssuerX500Principal().getName());
        d.put("certificate.notAfter", leaf.getNotAfter().toInstant().toString());
        d.put("certificate.fingerprint", credentials.fingerprint());
        return d;
    }

    @Override
    public void close() {
        credentials.close();
    }
}
