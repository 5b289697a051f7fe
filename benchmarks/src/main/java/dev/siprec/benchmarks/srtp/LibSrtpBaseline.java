package dev.siprec.benchmarks.srtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * libsrtp2's {@code srtp_unprotect}, timed by the C loop of {@code srtp_peer bench} (the engine's
 * interop helper, {@code bundles/srtp-core/src/test/c/srtp_peer.c}), which does what
 * {@link SrtpBenchmark#unprotect} does: the same 4,096 packets of 172 bytes, each copied before
 * unprotecting, the receiver re-created every 4,096 packets. Debian builds libsrtp2 on NSS, which is
 * slow; to compare with libsrtp on OpenSSL, build libsrtp from source elsewhere
 * ({@code ./configure --enable-openssl && make libsrtp2.a}) and pass its directory:
 *
 * <pre>java [-Dlibsrtp.dir=/path/to/libsrtp] -cp target/benchmarks.jar dev.siprec.benchmarks.srtp.LibSrtpBaseline [packets [suite...]]</pre>
 */
public final class LibSrtpBaseline {
    private static final String[] SUITES = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
        "AES_192_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"};

    private LibSrtpBaseline() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String[] suites = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : SUITES;
        Path source = Path.of("../bundles/srtp-core/src/test/c/srtp_peer.c").toAbsolutePath().normalize();
        Path binary = Path.of("target/srtp_peer_bench").toAbsolutePath();
        List<String> cc = new ArrayList<>(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()));
        String dir = System.getProperty("libsrtp.dir");
        String build;
        if (dir != null) {
            // a from-source tree has include/srtp.h; srtp_peer.c includes <srtp2/srtp.h>
            Path root = Path.of(dir).toAbsolutePath();
            Path include = Path.of("target/libsrtp-include").toAbsolutePath();
            Files.createDirectories(include.resolve("srtp2"));
            Files.copy(root.resolve("include/srtp.h"), include.resolve("srtp2/srtp.h"), StandardCopyOption.REPLACE_EXISTING);
            cc.addAll(List.of("-I" + include, root.resolve("libsrtp2.a").toString(), "-lcrypto"));
            build = "libsrtp from " + root + " (static, as configured there)";
        } else {
            String flags = run(List.of("pkg-config", "--cflags", "--libs", "libsrtp2")).strip();
            cc.addAll(List.of(flags.split("\\s+")));
            build = "libsrtp2 of the system (Debian: NSS backend)";
        }
        run(cc);
        System.out.printf("%s srtp_unprotect with copy, 172-byte packets, %d packets, 3 runs%n", build, packets);
        for (String suite : suites) {
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
