package dev.siprec.sip.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real SIPp (Debian package {@code sip-tester}) as a UAC. Missing SIPp fails the test in CI
 * ({@code CI=true}) and skips it elsewhere with a message.
 */
final class Sipp {

    /** What a run left behind. */
    record Run(int exitCode, String output, String messages, String errors) {
        String report() {
            return "exit " + exitCode + "\n--- output\n" + tail(output) + "\n--- errors\n" + tail(errors) + "\n--- messages\n" + tail(messages);
        }

        private static String tail(String s) {
            return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
        }
    }

    private Sipp() {
    }

    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "sipp");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String msg = "sipp not found on PATH: install it with 'apt-get install -y sip-tester'";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg);
        }
        Assumptions.abort(msg);
        return null;
    }

    static int freeUdpPort(String ip) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(ip))) {
            return s.getLocalPort();
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /**
     * @param scenario resource name under {@code /sipp/}
     * @param calls number of calls ({@code -m})
     * @param service the Request-URI user ({@code -s})
     */
    static Run run(Path workDir, String scenario, int calls, String service, InetSocketAddress target) throws Exception {
        return run(workDir, scenario, calls, service, target, "127.0.0.1");
    }

    /** @param localIp the address SIPp binds ({@code ::1} for IPv6) */
    static Run run(Path workDir, String scenario, int calls, String service, InetSocketAddress target, String localIp)
            throws Exception {
        String sipp = executable();
        Path xml = scenarioFile(scenario);
        Path messages = workDir.resolve(scenario + ".messages.log");
        Path errors = workDir.resolve(scenario + ".errors.log");
        Path output = workDir.resolve(scenario + ".out");
        List<String> cmd = new ArrayList<>(List.of(sipp, "-sf", xml.toString(), "-t", "u1",
                "-i", localIp, "-p", Integer.toString(freeUdpPort(localIp)),
                "-m", Integer.toString(calls), "-r", "20", "-l", "5", "-s", service,
                "-timeout", "20s", "-timeout_error", "-nostdin",
                "-trace_msg", "-message_file", messages.toString(),
                "-trace_err", "-error_file", errors.toString(),
                hostPort(target)));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        return new Run(p.isAlive() ? -1 : p.exitValue(), read(output), read(messages), read(errors));
    }

    private static Path scenarioFile(String name) throws URISyntaxException {
        var url = Sipp.class.getResource("/sipp/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no scenario " + name);
        }
        return Path.of(url.toURI());
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }
}
