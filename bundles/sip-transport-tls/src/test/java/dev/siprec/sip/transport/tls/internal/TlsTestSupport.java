package dev.siprec.sip.transport.tls.internal;

import dev.siprec.testing.TestPki;
import dev.siprec.testing.AnsweringInbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.TlsCredentials;
import dev.siprec.keys.internal.tls.TlsCredentialServiceImpl;
import dev.siprec.sip.transport.stream.StreamListener;

/** Listeners over the real credential service, and JSSE test clients. */
final class TlsTestSupport implements AutoCloseable {
    static final String OPTIONS = "OPTIONS sip:srs@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK-1\r\n"
            + "From: <sip:src@127.0.0.1>;tag=a\r\nTo: <sip:srs@127.0.0.1>\r\nCall-ID: c1@test\r\n"
            + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    final TestPki pki = new TestPki();
    final Path dir;
    final TestPki.Issued ca;
    final TestPki.Issued server;
    final Path caPem;
    final Path serverCert;
    final Path serverKey;
    final TlsCredentialServiceImpl credentials;
    private final List<StreamListener> listeners = new ArrayList<>();

    TlsTestSupport(Path dir) throws Exception {
        this.dir = dir;
        ca = pki.ca("Test CA");
        server = pki.leaf(ca, "srs.test", List.of("localhost", "srs.test"), List.of("127.0.0.1", "::1"));
        caPem = TestPki.writeCerts(dir.resolve("ca.pem"), List.of(ca.cert()));
        serverCert = TestPki.writeCerts(dir.resolve("server.pem"), server.chain());
        serverKey = TestPki.writePkcs8(dir.resolve("server.key"), server.keys().getPrivate());
        credentials = new TlsCredentialServiceImpl(dir.resolve("data"), Converters.standardConverter()
                .convert(Map.of("watch.interval.seconds", 0.1)).to(TlsCredentialServiceImpl.Config.class));
    }

    static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bind.address", "127.0.0.1");
        m.put("port", 0);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A started listener with the server certificate unless the configuration names other material. */
    StreamListener listener(AnsweringInbound inbound, Object... kv) throws Exception {
        Map<String, Object> m = config(kv);
        if (!m.containsKey("keystore") && !m.containsKey("certificate") && !m.containsKey("self.signed")) {
            m.put("certificate", serverCert.toString());
            m.put("private.key", serverKey.toString());
        }
        TlsTransportComponent.Config c = Converters.standardConverter().convert(m).to(TlsTransportComponent.Config.class);
        TlsCredentials creds = credentials.load(TlsTransportComponent.spec(c, "test"));
        StreamListener l = TlsTransportComponent.listener(TlsTransportComponent.settings(c, "test"), creds,
                TlsTransportComponent.policy(c));
        listeners.add(l);
        if (!l.start()) {
            throw new AssertionError(l.status().reason());
        }
        if (inbound != null) {
            l.attach(inbound);
        }
        return l;
    }

    /** A JSSE client context trusting {@code trusted}, presenting {@code identity} when not null. */
    static SSLContext clientContext(TestPki.Issued identity, X509Certificate... trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trust.setCertificateEntry("ca" + i, trusted[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (identity != null) {
            keys.setKeyEntry("me", identity.keys().getPrivate(), new char[0],
                    identity.chain().toArray(new X509Certificate[0]));
        }
        kmf.init(keys, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Connects, handshakes with {@code protocol}, sends OPTIONS and returns the answer; throws when refused. */
    static String exchange(SSLContext ctx, InetSocketAddress target, String protocol) throws IOException {
        try (SSLSocket s = open(ctx, target, protocol)) {
            s.getOutputStream().write(OPTIONS.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return readResponse(s.getInputStream());
        }
    }

    static SSLSocket open(SSLContext ctx, InetSocketAddress target, String protocol) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(target.getAddress(), target.getPort());
        s.setSoTimeout(15000);
        s.setEnabledProtocols(new String[] {protocol});
        s.startHandshake();
        return s;
    }

    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed by the server after " + buf.size() + " bytes");
            }
            buf.write(b);
            String s = buf.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n") && !s.isBlank()) {
                return s;
            }
        }
    }

    @Override
    public void close() {
        listeners.forEach(StreamListener::close);
        credentials.close();
    }
}
