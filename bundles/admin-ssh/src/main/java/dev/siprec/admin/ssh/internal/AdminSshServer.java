package dev.siprec.admin.ssh.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin channel: an SSH server on a loopback address that runs Gogo commands. Password login
 * uses a random secret in {@code <data>/admin/secret} (mode 0600), which {@code bin/siprec-admin}
 * reads; public keys in {@code <data>/admin/authorized_keys} are accepted too. The host key's
 * fingerprint is written beside it so the client can verify the server.
 */
@Component(service = {}, configurationPid = "dev.siprec.admin.ssh", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AdminSshConfig.class)
public final class AdminSshServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSshServer.class);

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    volatile CommandProcessor processor;

    private final SshServer server;
    private final ThreadPoolExecutor executor;
    private final AdminFiles files;

    @Activate
    public AdminSshServer(BundleContext context, AdminSshConfig config) throws IOException {
        InetAddress bind = InetAddress.getByName(config.bind_address());
        if (!bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("dev.siprec.admin.ssh bind.address must be a loopback address (127.0.0.1 or ::1), not "
                    + config.bind_address());
        }
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("dev.siprec.admin.ssh port out of range: " + config.port());
        }
        files = new AdminFiles(dataDir(context).resolve("admin"));
        byte[] secret = files.strongSecret(); // refuses to start with a secret under 128 bits, saying why
        String user = config.user();

        AtomicInteger threads = new AtomicInteger();
        int max = Math.max(1, config.max_concurrent_commands());
        executor = new ThreadPoolExecutor(max, max, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(max), r -> {
            Thread t = new Thread(r, "siprec-admin-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);

        server = SshServer.setUpDefaultServer();
        server.setHost(bind.getHostAddress());
        server.setPort(config.port());
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(files.resolve(AdminFiles.HOST_KEY));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((u, password, session) -> user.equals(u) && AdminFiles.matches(secret, password));
        Path authorizedKeys = files.resolve(AdminFiles.AUTHORIZED_KEYS);
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys) {
            @Override
            public boolean authenticate(String u, java.security.PublicKey key, org.apache.sshd.server.session.ServerSession s) {
                return user.equals(u) && Files.exists(authorizedKeys) && super.authenticate(u, key, s);
            }
        });
        server.setCommandFactory((channel, command) -> new GogoCommand(command, () -> processor, executor));
        server.setShellFactory(channel -> new LineShell(() -> processor, executor));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ofSeconds(Math.max(1, config.idle_timeout_seconds())));

        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        try {
            // SSHD looks up some factories through the context class loader
            Thread.currentThread().setContextClassLoader(SshServer.class.getClassLoader());
            server.start();
            List<KeyPair> keys = hostKeys.loadKeys(null);
            files.writeOwnerOnly(AdminFiles.FINGERPRINT, KeyUtils.getFingerPrint(keys.get(0).getPublic()) + "\n");
            files.writeOwnerOnly(AdminFiles.PORT, server.getPort() + "\n");
        } catch (IOException | RuntimeException e) {
            close();
            LOG.error("admin channel could not start on {}:{}: {}", bind.getHostAddress(), config.port(), e.getMessage());
            throw new IOException("admin channel could not start on " + bind.getHostAddress() + ":" + config.port(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
        LOG.info("admin channel listening on {}:{} (user {}, secret in {})", bind.getHostAddress(), server.getPort(), user,
                files.resolve(AdminFiles.SECRET));
    }

    static Path dataDir(BundleContext context) {
        String data = context.getProperty("siprec.data");
        return Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath();
    }

    /** @return the port bound (useful when configured as 0). */
    int port() {
        return server.getPort();
    }

    @Deactivate
    void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.warn("admin channel did not stop cleanly: {}", e.getMessage());
        }
        executor.shutdownNow();
        try {
            Files.deleteIfExists(files.resolve(AdminFiles.PORT));
        } catch (IOException ignored) {
            // best effort
        }
        LOG.info("admin channel stopped");
    }
}
