package dev.siprec.itests;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording client's end of one DTLS-SRTP stream, made of real peers outside the JVM: OpenSSL's
 * {@code s_client -dtls1_2 -use_srtp} runs the handshake from a fixed local port (the one the offer
 * names) and exports the keying material ({@code EXTRACTOR-dtls_srtp}, RFC 5764 §4.2); it is then
 * killed (no {@code close_notify}: the association stays up, as with a peer that simply keeps
 * sending media) and the libsrtp-based sender streams SRTP from the same port, keyed with the
 * client write key and salt, so DTLS and SRTP share one 5-tuple (RFC 5764 §5.1.2, RFC 7983).
 */
final class DtlsSrtpPeer {
    /** A {@code use_srtp} profile (RFC 5764 §4.1.2, RFC 7714 §14.2) and the SDES name of the same transform. */
    enum Profile {
        AES128_CM_SHA1_80("SRTP_AES128_CM_SHA1_80", "AES_CM_128_HMAC_SHA1_80", 16, 14),
        AEAD_AES_128_GCM("SRTP_AEAD_AES_128_GCM", "AEAD_AES_128_GCM", 16, 12),
        AEAD_AES_256_GCM("SRTP_AEAD_AES_256_GCM", "AEAD_AES_256_GCM", 32, 12);

        final String dtlsName;
        final String suite;
        final int keyLength;
        final int saltLength;

        Profile(String dtlsName, String suite, int keyLength, int saltLength) {
            this.dtlsName = dtlsName;
            this.suite = suite;
            this.keyLength = keyLength;
            this.saltLength = saltLength;
        }

        int material() {
            return 2 * (keyLength + saltLength);
        }
    }

    /**
     * What the handshake gave: the peer certificate seen, the profile chosen, our own write key and
     * salt (the client's as {@code s_client}, the server's as {@code s_server}), the time taken.
     */
    record Handshake(String peerFingerprint, String profile, byte[] keyAndSalt, long millis) {
    }

    /** {@code openssl s_server} waiting on a local port for the recording server's ClientHello (it answered {@code a=setup:active}). */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final CompletableFuture<Void> listening = new CompletableFuture<>();
        private final CompletableFuture<Handshake> done = new CompletableFuture<>();

        Server(int localPort, Profile profile, Path[] certAndKey) throws IOException {
            process = new ProcessBuilder(Peers.require("openssl", "openssl").toString(), "s_server", "-dtls1_2",
                    "-accept", "127.0.0.1:" + localPort, "-use_srtp", profile.dtlsName,
                    "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", String.valueOf(profile.material()),
                    "-cert", certAndKey[0].toString(), "-key", certAndKey[1].toString(), "-Verify", "1", "-timeout")
                    .redirectErrorStream(true).start();
            // standard input stays open: on its end s_server quits
            Thread reader = new Thread(() -> read(profile), "s_server-" + localPort);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Profile profile) {
            List<String> lines = new ArrayList<>();
            long start = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && lines.size() < 2000) {
                    lines.add(line);
                    if (line.startsWith("ACCEPT")) {
                        start = System.nanoTime();
                        listening.complete(null);
                    }
                    Matcher m = MATERIAL.matcher(line);
                    if (m.find()) {
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        String out = String.join("\n", lines);
                        // s_server prints the material only after SSL_accept succeeded; the client's certificate before it
                        done.complete(result(out, m.group(1), profile, false, millis));
                        return;
                    }
                }
                done.completeExceptionally(new AssertionError("openssl s_server printed no keying material:\n" + String.join("\n", lines)));
            } catch (Exception e) {
                done.completeExceptionally(e);
            } finally {
                listening.complete(null);
            }
        }

        /** Waits until s_server listens. */
        void awaitListening(int seconds) throws Exception {
            listening.get(seconds, TimeUnit.SECONDS);
        }

        /** Waits for the handshake, then kills s_server (no close_notify) so the port is free for the media sender. */
        Handshake await(int seconds) throws Exception {
            try {
                return done.get(seconds, TimeUnit.SECONDS);
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Pattern MATERIAL = Pattern.compile("Keying material:\\s*([0-9A-Fa-f]+)");
    private static final Pattern PROFILE = Pattern.compile("SRTP Extension negotiated, profile=(\\S+)");

    private DtlsSrtpPeer() {
    }

    /** Makes the client's ECDSA P-256 self-signed certificate and key with OpenSSL; returns {@code [cert, key]}. */
    static Path[] makeCertificate(Path dir, String name) throws Exception {
        Path cert = dir.resolve(name + ".crt.pem");
        Path key = dir.resolve(name + ".key.pem");
        Peers.run(List.of(Peers.require("openssl", "openssl").toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=" + name, "-days", "2"), 30);
        return new Path[] {cert, key};
    }

    /** @return the SHA-256 fingerprint of the PEM certificate(s) in {@code pem}'s first certificate, {@code AB:CD:...} */
    static String fingerprint(byte[] pem) throws Exception {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    /**
     * Runs {@code openssl s_client} from {@code 127.0.0.1:localPort} to the server's media port until it
     * prints the exported keying material, then kills it.
     */
    static Handshake handshake(int localPort, String host, int port, Profile profile, Path[] certAndKey, int timeoutSeconds)
            throws Exception {
        List<String> cmd = List.of(Peers.require("openssl", "openssl").toString(), "s_client", "-dtls1_2",
                "-bind", "127.0.0.1:" + localPort, "-connect", host + ":" + port,
                "-use_srtp", profile.dtlsName, "-keymatexport", "EXTRACTOR-dtls_srtp",
                "-keymatexportlen", String.valueOf(profile.material()),
                "-cert", certAndKey[0].toString(), "-key", certAndKey[1].toString(), "-showcerts", "-timeout", "-state");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        String material = null;
        Thread killer = new Thread(() -> {
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        killer.setDaemon(true);
        killer.start();
        long millis = -1;
        boolean finished = false;
        // standard input stays open: on its end s_client would send close_notify and quit
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && lines.size() < 2000) {
                lines.add(line);
                // the server's Finished was read: the handshake completed (s_client also prints the
                // material of a handshake the server refused, from the master secret it computed)
                finished |= line.contains("SSL_connect:SSLv3/TLS read finished");
                Matcher m = MATERIAL.matcher(line);
                if (m.find()) {
                    millis = (System.nanoTime() - start) / 1_000_000;
                    material = m.group(1);
                    break;
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            killer.interrupt();
        }
        String out = String.join("\n", lines);
        if (material == null || !finished) {
            throw new AssertionError("openssl s_client did not complete the handshake:\n" + out);
        }
        return result(out, material, profile, true, millis);
    }

    /** The peer certificate shown in {@code out}, the chosen profile and our write key and salt (RFC 5764 §4.2). */
    private static Handshake result(String out, String material, Profile profile, boolean client, long millis) throws Exception {
        Matcher prof = PROFILE.matcher(out);
        String chosen = prof.find() ? prof.group(1) : null;
        int begin = out.indexOf("-----BEGIN CERTIFICATE-----");
        int end = out.indexOf("-----END CERTIFICATE-----");
        if (begin < 0 || end < 0) {
            throw new AssertionError("openssl showed no peer certificate:\n" + out);
        }
        String peerFingerprint = fingerprint((out.substring(begin, end) + "-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII));
        byte[] all = HexFormat.of().parseHex(material);
        if (all.length != profile.material()) {
            throw new AssertionError("keying material of " + all.length + " bytes, expected " + profile.material());
        }
        // client_write_key | server_write_key | client_write_salt | server_write_salt (RFC 5764 §4.2)
        byte[] keyAndSalt = new byte[profile.keyLength + profile.saltLength];
        System.arraycopy(all, client ? 0 : profile.keyLength, keyAndSalt, 0, profile.keyLength);
        System.arraycopy(all, 2 * profile.keyLength + (client ? 0 : profile.saltLength), keyAndSalt, profile.keyLength, profile.saltLength);
        Arrays.fill(all, (byte) 0);
        return new Handshake(peerFingerprint, chosen, keyAndSalt, millis);
    }

    /**
     * A real ClientHello of OpenSSL ({@code s_client -dtls1_2 -use_srtp}, no cookie yet): caught on a
     * socket of the test, for replaying from many source ports (a ClientHello flood).
     */
    static byte[] captureClientHello(Path[] certAndKey) throws Exception {
        try (java.net.DatagramSocket trap = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            trap.setSoTimeout(10_000);
            Process p = new ProcessBuilder(Peers.require("openssl", "openssl").toString(), "s_client", "-dtls1_2",
                    "-connect", "127.0.0.1:" + trap.getLocalPort(), "-use_srtp", Profile.AES128_CM_SHA1_80.dtlsName,
                    "-cert", certAndKey[0].toString(), "-key", certAndKey[1].toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                java.net.DatagramPacket d = new java.net.DatagramPacket(new byte[2048], 2048);
                trap.receive(d);
                byte[] hello = Arrays.copyOf(d.getData(), d.getLength());
                if (hello.length < 14 || hello[0] != 22 || hello[13] != 1) {
                    throw new AssertionError("not a DTLS ClientHello record: " + HexFormat.of().formatHex(hello));
                }
                return hello;
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the libsrtp sender from {@code localPort}: a tone for {@code durationMs}, RTCP multiplexed (RFC 5761). */
    static Process send(Path sender, Path log, int localPort, String host, int port, int hz, int durationMs, long ssrc,
                        Profile profile, byte[] keyAndSalt) throws IOException {
        return new ProcessBuilder(sender.toString(), host, String.valueOf(port), String.valueOf(hz), String.valueOf(durationMs),
                String.valueOf(ssrc), profile.suite, Base64.getEncoder().encodeToString(keyAndSalt), "--rtcp-mux",
                "--bind", String.valueOf(localPort))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
