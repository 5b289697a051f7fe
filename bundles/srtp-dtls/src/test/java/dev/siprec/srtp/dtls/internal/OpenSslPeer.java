package dev.siprec.srtp.dtls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code openssl} command line as a DTLS-SRTP peer: its certificate, and a run's output. */
final class OpenSslPeer {
    private static final Pattern MATERIAL = Pattern.compile("Keying material:\\s*([0-9A-Fa-f]+)");
    private static final Pattern PROFILE = Pattern.compile("SRTP Extension negotiated, profile=(\\S+)");

    final Path dir;
    final Path cert;
    final Path key;
    final byte[] der;

    OpenSslPeer(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.cert = dir.resolve("peer.pem");
        this.key = dir.resolve("peer.key");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=dtls-test-peer", "-days", "2", "-keyout", key.toString(), "-out", cert.toString()), 30);
        try (InputStream in = Files.newInputStream(cert)) {
            der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(e);
        }
    }

    static boolean available() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    Fingerprint fingerprint() {
        return Fingerprint.of("sha-256", der);
    }

    static String run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("timeout", Integer.toString(seconds)));
        all.addAll(cmd);
        Process p = new ProcessBuilder(all).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Starts a long-running openssl (s_server) whose output is collected by the caller. */
    static Process start(List<String> cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static byte[] material(String output) {
        Matcher m = MATERIAL.matcher(output);
        return m.find() ? HexFormat.of().parseHex(m.group(1)) : null;
    }

    static String profile(String output) {
        Matcher m = PROFILE.matcher(output);
        return m.find() ? m.group(1) : null;
    }

    static List<String> clientCommand(int port, String profiles, int length, OpenSslPeer peer) {
        List<String> c = new ArrayList<>(List.of("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + port,
                "-use_srtp", profiles, "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", Integer.toString(length)));
        if (peer != null) {
            c.addAll(List.of("-cert", peer.cert.toString(), "-key", peer.key.toString()));
        }
        return c;
    }
}
