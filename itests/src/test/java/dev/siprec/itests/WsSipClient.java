package dev.siprec.itests;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A SIPREC recording client over WebSocket (RFC 7118) built on the JDK's own WebSocket client
 * ({@code java.net.http}), independent of the server's code: the {@code sip} subprotocol, one SIP
 * message per WebSocket text message, a {@code .invalid} Via host and Contact as a browser client
 * would use, and everything the server sends back read from the same connection.
 */
final class WsSipClient implements AutoCloseable {
    private final String transport;
    private final String host = UUID.randomUUID().toString().substring(0, 8) + ".invalid";
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final String target;

    /**
     * @param secure WSS: trust exactly the certificate in {@code pinned} (the server's self-signed one)
     */
    WsSipClient(int port, boolean secure, Path pinned) throws Exception {
        this.transport = secure ? "WSS" : "WS";
        this.target = "sip:srs@127.0.0.1:" + port + ";transport=ws";
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (secure) {
            http.sslContext(pinnedContext(pinned));
        }
        socket = http.build().newWebSocketBuilder().subprotocols("sip")
                .buildAsync(URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + port + "/"), new Listener())
                .get(15, TimeUnit.SECONDS);
        if (!"sip".equals(socket.getSubprotocol())) {
            throw new IllegalStateException("server chose subprotocol '" + socket.getSubprotocol() + "'");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** A SIPREC call: INVITE, 200, ACK, media for the call's duration, BYE, 200. */
    void call(SiprecCall call, Path dir) throws Exception {
        call(call, dir, () -> {
            Thread.sleep(700); // the jitter buffer's last packets reach the file before the BYE
            return null;
        });
    }

    /**
     * As {@link #call(SiprecCall, Path)}; once both media senders have finished, runs {@code beforeBye} (e.g. waiting
     * for the server to show every packet received) and then sends the BYE.
     */
    void call(SiprecCall call, Path dir, java.util.concurrent.Callable<?> beforeBye) throws Exception {
        String body = call.body(dir, "127.0.0.1");
        String fromTag = "src" + System.nanoTime();
        String invite = "INVITE " + target + " SIP/2.0\r\n"
                + via() + "From: \"Recording client\" <sip:src@" + host + ">;tag=" + fromTag + "\r\n"
                + "To: <sip:srs@127.0.0.1>\r\nCall-ID: " + call.callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:src@" + host + ";transport=ws;ob>;+sip.src\r\nMax-Forwards: 70\r\n"
                + "Require: siprec\r\nSupported: timer, outbound\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n"
                + "Content-Type: multipart/mixed;boundary=OSS-unique-boundary-42\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        send(invite);
        String ok = awaitFinal("INVITE");
        if (!ok.startsWith("SIP/2.0 200")) {
            throw new AssertionError("INVITE over " + transport + " answered " + ok);
        }
        String to = header(ok, "To");
        String contact = header(ok, "Contact");
        String remoteTarget = contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
        String sdp = ok.substring(ok.indexOf("\r\n\r\n") + 4);
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(sdp);
        int p1 = m.find() ? Integer.parseInt(m.group(1)) : -1;
        int p2 = m.find() ? Integer.parseInt(m.group(1)) : -1;
        Matcher c = Pattern.compile("c=IN IP[46] ([0-9a-fA-F.:]+)").matcher(sdp);
        String mediaIp = c.find() ? c.group(1) : "127.0.0.1";
        send("ACK " + remoteTarget + " SIP/2.0\r\n" + via() + "From: \"Recording client\" <sip:src@" + host + ">;tag="
                + fromTag + "\r\nTo: " + to + "\r\nCall-ID: " + call.callId + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        Peers.run(java.util.List.of(call.launcher(dir).toString(), mediaIp, String.valueOf(p1), String.valueOf(p2)), 10);
        // the launcher starts the senders in the background; each prints "sent N packets" when done
        java.util.function.Predicate<Path> done = f -> {
            try {
                return Files.exists(f) && Files.readString(f).contains("sent ");
            } catch (java.io.IOException e) {
                return false;
            }
        };
        Path out1 = dir.resolve(call.callId + ".sender.1");
        Path out2 = dir.resolve(call.callId + ".sender.2");
        if (!Await.until(java.time.Duration.ofMillis(call.durationMs + 30_000L), () -> done.test(out1) && done.test(out2))) {
            throw new AssertionError("media senders did not finish: " + (Files.exists(out1) ? Files.readString(out1) : "-")
                    + " / " + (Files.exists(out2) ? Files.readString(out2) : "-"));
        }
        beforeBye.call();
        send("BYE " + remoteTarget + " SIP/2.0\r\n" + via() + "From: \"Recording client\" <sip:src@" + host + ">;tag="
                + fromTag + "\r\nTo: " + to + "\r\nCall-ID: " + call.callId + "\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        String byeOk = awaitFinal("BYE");
        if (!byeOk.startsWith("SIP/2.0 200")) {
            throw new AssertionError("BYE over " + transport + " answered " + byeOk);
        }
    }

    private String via() {
        return "Via: SIP/2.0/" + transport + " " + host + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "")
                + ";rport\r\n";
    }

    private void send(String message) throws Exception {
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
    }

    /** @return the first final response to {@code method}; provisional responses are skipped */
    private String awaitFinal(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String m = received.poll(1, TimeUnit.SECONDS);
            if (m != null && m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1")
                    && header(m, "CSeq").endsWith(method)) {
                return m;
            }
        }
        throw new AssertionError("no final response to " + transport + " " + method + " within 15 s; received " + received);
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in\n" + message);
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Trusts one certificate, the one in {@code pem}, and nothing else (the server's self-signed one). */
    private static SSLContext pinnedContext(Path pem) throws Exception {
        X509Certificate expected;
        try (var in = Files.newInputStream(pem)) {
            expected = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        TrustManager pin = new X509ExtendedTrustManager() {
            private void check(X509Certificate[] chain) throws CertificateException {
                if (chain == null || chain.length == 0 || !chain[0].equals(expected)) {
                    throw new CertificateException("not the pinned server certificate");
                }
            }

            @Override public void checkServerTrusted(X509Certificate[] chain, String a) throws CertificateException { check(chain); }
            @Override public void checkServerTrusted(X509Certificate[] chain, String a, Socket s) throws CertificateException { check(chain); }
            @Override public void checkServerTrusted(X509Certificate[] chain, String a, SSLEngine e) throws CertificateException { check(chain); }
            @Override public void checkClientTrusted(X509Certificate[] chain, String a) throws CertificateException { throw new CertificateException("client side only"); }
            @Override public void checkClientTrusted(X509Certificate[] chain, String a, Socket s) throws CertificateException { throw new CertificateException("client side only"); }
            @Override public void checkClientTrusted(X509Certificate[] chain, String a, SSLEngine e) throws CertificateException { throw new CertificateException("client side only"); }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {pin}, null);
        return ctx;
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
