package dev.siprec.keys.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.TlsCredentialService;
import dev.siprec.keys.api.TlsCredentialSpec;
import dev.siprec.keys.api.TlsCredentials;

/**
 * Loads TLS credentials from PEM or PKCS#12 files, or generates a self-signed certificate into
 * {@code <data>/tls/} (data folder: framework property {@code siprec.data}, else the system property,
 * else {@code ./data}), and watches the files so that replaced certificates take effect for new
 * connections without a restart.
 */
@Component(service = TlsCredentialService.class, configurationPid = TlsCredentialServiceImpl.PID)
@Designate(ocd = TlsCredentialServiceImpl.Config.class)
public final class TlsCredentialServiceImpl implements TlsCredentialService {
    /** Configuration PID. */
    public static final String PID = "dev.siprec.keys.tls";
    private static final Logger LOG = LoggerFactory.getLogger(TlsCredentialServiceImpl.class);

    @ObjectClassDefinition(name = "SIPREC TLS credentials", description = "Loading and watching of TLS certificates.")
    public @interface Config {
        @AttributeDefinition(description = "How often certificate, key and trust store files are checked for changes.")
        double watch_interval_seconds() default 2;

        @AttributeDefinition(description = "Validity of a generated self-signed certificate.")
        int self_signed_validity_days() default 365;
    }

    private final Path tlsDir;
    private final Supplier<Provider> bc = new LazyBouncyCastle();
    private final SecureRandom random = new SecureRandom();
    private final PemCodec pem = new PemCodec(bc);
    private final MaterialLoader loader = new MaterialLoader(pem, random);
    private final SelfSignedCertificates selfSigned;
    private final Set<WatchedCredentials> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watcher;

    @Activate
    public TlsCredentialServiceImpl(BundleContext context, Config config) {
        this(dataFolder(context.getProperty("siprec.data")), config);
    }

    /** Outside OSGi (tests): explicit data folder. */
    public TlsCredentialServiceImpl(Path dataFolder, Config config) {
        if (!(config.watch_interval_seconds() > 0)) {
            throw new IllegalArgumentException("watch.interval.seconds must be positive");
        }
        if (config.self_signed_validity_days() < 8) {
            throw new IllegalArgumentException("self.signed.validity.days must be at least 8");
        }
        this.tlsDir = dataFolder.resolve("tls");
        this.selfSigned = new SelfSignedCertificates(random, Duration.ofDays(config.self_signed_validity_days()));
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "siprec-tls-watch");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, (long) (config.watch_interval_seconds() * 1000));
        watcher.scheduleWithFixedDelay(this::checkAll, period, period, TimeUnit.MILLISECONDS);
    }

    static Path dataFolder(String frameworkProperty) {
        String p = frameworkProperty;
        if (p == null || p.isBlank()) {
            p = System.getProperty("siprec.data");
        }
        return Path.of(p == null || p.isBlank() ? "data" : p).toAbsolutePath();
    }

    @Override
    public TlsCredentials load(TlsCredentialSpec spec) throws IOException, GeneralSecurityException {
        String name = spec.name() == null || spec.name().isBlank() ? "default" : spec.name();
        boolean hasCert = set(spec.certificate());
        boolean hasKey = set(spec.privateKey());
        boolean hasStore = set(spec.keystore());
        if (hasStore && (hasCert || hasKey)) {
            throw new GeneralSecurityException(name + ": configure either keystore or certificate + private.key, not both");
        }
        if (hasCert != hasKey) {
            throw new GeneralSecurityException(name + ": certificate and private.key must be configured together");
        }
        TlsCredentialSpec copy = new TlsCredentialSpec(name, spec.certificate(), spec.privateKey(), spec.keystore(),
                copy(spec.keystorePassword()), spec.truststore(), copy(spec.truststorePassword()));
        List<Path> files = new ArrayList<>();
        WatchedCredentials.Source source;
        if (hasStore) {
            Path ks = Path.of(spec.keystore());
            files.add(ks);
            source = () -> loader.fromPkcs12(ks, copy.keystorePassword(), copy);
        } else {
            Path[] pair = hasCert ? new Path[] {Path.of(spec.certificate()), Path.of(spec.privateKey())}
                    : ensureSelfSigned(name);
            files.add(pair[0]);
            files.add(pair[1]);
            source = () -> loader.fromPem(pair[0], pair[1], copy.keystorePassword(), copy);
        }
        if (set(spec.truststore())) {
            files.add(Path.of(spec.truststore()));
        }
        WatchedCredentials creds = new WatchedCredentials(name, source, files, watched::remove);
        watched.add(creds);
        X509Certificate leaf = creds.certificateChain().get(0);
        LOG.info("TLS credentials of {} loaded: subject {}, expires {}, SHA-256 {}", name,
                leaf.getSubjectX500Principal().getName(), leaf.getNotAfter(), creds.fingerprint());
        String warning = CertificateChecks.validityWarning(leaf, Instant.now());
        if (warning != null) {
            LOG.warn("TLS credentials of {}: {}", name, warning);
        }
        return creds;
    }

    @Override
    public List<TlsCredentials> inUse() {
        List<TlsCredentials> list = new ArrayList<>(watched);
        list.sort(java.util.Comparator.comparing(TlsCredentials::name));
        return list;
    }

    /** @return the generated pair of listener {@code name}, created or renewed when needed */
    private Path[] ensureSelfSigned(String name) throws IOException, GeneralSecurityException {
        Path[] pair = SelfSignedCertificates.files(tlsDir, name);
        if (Files.isRegularFile(pair[0]) && Files.isRegularFile(pair[1])) {
            try {
                X509Certificate leaf = pem.certificates(pair[0]).get(0);
                CertificateChecks.requireMatch(pem.privateKey(pair[1], null), leaf, random);
                if (leaf.getNotAfter().toInstant().isAfter(Instant.now().plus(SelfSignedCertificates.RENEW_BEFORE))) {
                    LOG.info("Reusing the self-signed certificate of {} in {} (SHA-256 {})", name, pair[0],
                            CertificateChecks.fingerprint(leaf));
                    return pair;
                }
                LOG.info("The self-signed certificate of {} expires {}; generating a new one", name, leaf.getNotAfter());
            } catch (IOException | GeneralSecurityException e) {
                LOG.warn("The self-signed certificate of {} in {} is unusable ({}); generating a new one", name,
                        pair[0], e.getMessage());
            }
        }
        selfSigned.generate(pair[0], pair[1], name);
        X509Certificate leaf = pem.certificates(pair[0]).get(0);
        LOG.info("Generated a self-signed certificate for {} in {}: subject {}, SHA-256 {}", name, pair[0],
                leaf.getSubjectX500Principal().getName(), CertificateChecks.fingerprint(leaf));
        return pair;
    }

    /** Checks every live credential for changed files; runs on the watcher thread. */
    void checkAll() {
        for (WatchedCredentials c : watched) {
            try {
                c.checkForChanges();
            } catch (RuntimeException e) {
                LOG.warn("Checking the TLS files of {} failed", c, e);
            }
        }
    }

    /** @return the folder holding generated certificates */
    public Path tlsFolder() {
        return tlsDir;
    }

    @Deactivate
    public void close() {
        watcher.shutdownNow();
        watched.clear();
    }

    private static boolean set(String s) {
        return s != null && !s.isBlank();
    }

    private static char[] copy(char[] c) {
        return c == null ? null : c.clone();
    }
}
