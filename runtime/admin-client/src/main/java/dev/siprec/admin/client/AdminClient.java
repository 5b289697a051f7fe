package dev.siprec.admin.client;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * {@code bin/siprec-admin '<gogo command>'}: runs one command on the running server through its
 * admin channel and exits with the command's status (0 ok, 1 command failed, 2 server unreachable
 * or not authorised).
 */
public final class AdminClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private AdminClient() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.err.println("usage: siprec-admin '<gogo command>'   e.g. siprec-admin 'siprec:status'");
            System.exit(2);
        }
        Path home = Path.of(System.getProperty("siprec.home", ".")).toAbsolutePath();
        String command = String.join(" ", args);
        try {
            System.exit(run(home, command, Duration.ofSeconds(Long.getLong("siprec.admin.timeout", 120))));
        } catch (AdminException e) {
            System.err.println("siprec-admin: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(Path home, String command, Duration timeout) throws AdminException {
        Properties cfg = config(home.resolve("etc/dev.siprec.admin.ssh.cfg"));
        Path data = Path.of(System.getProperty("siprec.data", home.resolve("data").toString()));
        Path admin = data.resolve("admin");
        String host = cfg.getProperty("bind.address", "127.0.0.1").trim();
        String user = cfg.getProperty("user", "admin").trim();
        int port = port(admin.resolve("port"), cfg);
        String secret = read(admin.resolve("secret"), "the admin secret");
        String fingerprint = read(admin.resolve("hostkey.fingerprint"), "the server's host key fingerprint");

        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> fingerprint.equals(KeyUtils.getFingerPrint(key)));
        client.start();
        try (ClientSession session = client.connect(user, new InetSocketAddress(host, port)).verify(CONNECT_TIMEOUT).getSession()) {
            session.addPasswordIdentity(secret);
            session.auth().verify(CONNECT_TIMEOUT);
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(System.out);
                channel.setErr(System.err);
                channel.open().verify(CONNECT_TIMEOUT);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), timeout);
                Integer status = channel.getExitStatus();
                if (status == null) {
                    throw new AdminException("no answer from the server within " + timeout.toSeconds() + " s");
                }
                System.out.flush();
                return status;
            }
        } catch (IOException e) {
            throw new AdminException("cannot reach the admin channel at " + host + ":" + port
                    + " (is the server running?): " + e.getMessage());
        } finally {
            client.stop();
        }
    }

    private static int port(Path portFile, Properties cfg) throws AdminException {
        String text = Files.exists(portFile) ? readQuiet(portFile) : cfg.getProperty("port", "8101");
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new AdminException("invalid admin port '" + text.trim() + "'");
        }
    }

    private static String readQuiet(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "8101";
        }
    }

    private static String read(Path file, String what) throws AdminException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw new AdminException(what + " is missing (" + file + "): start the server first");
        } catch (AccessDeniedException e) {
            throw new AdminException("not allowed to read " + what + " (" + file + "): run as the server's user");
        } catch (IOException e) {
            throw new AdminException("cannot read " + what + ": " + e.getMessage());
        }
    }

    private static Properties config(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // defaults apply
            }
        }
        return p;
    }

    /** A failure to reach or authenticate to the server, reported as one line. */
    static final class AdminException extends Exception {
        private static final long serialVersionUID = 1L;

        AdminException(String message) {
            super(message);
        }
    }
}
