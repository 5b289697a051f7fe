package dev.siprec.benchmarks.srtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * libsrtp2's {@code srtp_unprotect}, timed by the C loop of {@code srtp_peer bench} (the engine's
 * interop helper, {@code bundles/srtp-core/src/test/c/srtp_peer.c}) over 172-byte packets, to put
 * beside {@link SrtpBenchmark}. Debian builds libsrtp2 on NSS, which is slow; libsrtp on OpenSSL is
 * several times faster.
 *
 * <pre>java -cp target/benchmarks.jar dev.siprec.benchmarks.srtp.LibSrtpBaseline [packets]</pre>
 */
public final class LibSrtpBaseline {
    private static final String[] SUITES = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
        "AES_192_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"};

    private LibSrtpBaseline() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path source = Path.of("../bundles/srtp-core/src/test/c/srtp_peer.c").toAbsolutePath().normalize();
        Path binary = Path.of("target/srtp_peer_bench").toAbsolutePath();
        String flags = run(List.of("pkg-config", "--cflags", "--libs", "libsrtp2")).strip();
        List<String> cc = new ArrayList<>(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()));
        cc.addAll(List.of(flags.split("\\s+")));
        run(cc);
        System.out.printf("libsrtp2 (Debian, NSS backend) srtp_unprotect, 172-byte packets, %d packets, 3 runs%n", packets);
        for (String suite : SUITES) {
            double best = Double.MAX_VALUE;
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                String out = run(List.of(binary.toString(), "bench", suite, Integer.toString(packets))).strip();
                double ns = Double.parseDouble(out.substring(out.indexOf(' ') + 1));
                best = Math.min(best, ns);
                all.append(String.format(" %.1f", ns));
            }
            System.out.printf("%-26s best %8.1f ns/packet  %,10.0f packets/s  (runs:%s)%n", suite, best, 1e9 / best, all);
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
