package dev.siprec.keys.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.TlsCredentials;

/**
 * Credentials backed by files that are checked for changes: when a file's content changes the
 * material is rebuilt and new connections use it; a broken replacement is reported and the previous
 * material stays in use until the files change again.
 */
final class WatchedCredentials implements TlsCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedCredentials.class);

    /** Builds one generation of material from the files. */
    @FunctionalInterface
    interface Source {
        Material load() throws IOException, GeneralSecurityException;
    }

    private final String name;
    private final Source source;
    private final List<Path> files;
    private final Consumer<WatchedCredentials> onClose;
    private volatile Material material;
    private volatile boolean closed;
    private Map<Path, String> stamps;
    private long reloads;

    WatchedCredentials(String name, Source source, List<Path> files, Consumer<WatchedCredentials> onClose)
            throws IOException, GeneralSecurityException {
        this.name = name;
        this.source = source;
        this.files = List.copyOf(files);
        this.onClose = onClose;
        this.stamps = stamps();
        this.material = source.load();
    }

    @Override
    public SSLContext sslContext() {
        return material.context();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return material.chain();
    }

    @Override
    public String fingerprint() {
        return material.fingerprint();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return material.trustAnchors();
    }

    /** @return the trust manager of the current generation (for cache statistics in tests) */
    CachingTrustManager trustManager() {
        return material.trustManager();
    }

    /** @return how often the material was rebuilt after a change */
    synchronized long reloads() {
        return reloads;
    }

    /**
     * Rebuilds the material when a watched file changed.
     *
     * @return whether new material is now in use
     */
    synchronized boolean checkForChanges() {
        if (closed) {
            return false;
        }
        Map<Path, String> now = stamps();
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        try {
            Material next = source.load();
            Material previous = material;
            material = next;
            reloads++;
            LOG.info("TLS credentials of {} reloaded: subject {}, expires {}, SHA-256 {} (was {})", name,
                    next.chain().get(0).getSubjectX500Principal().getName(), next.chain().get(0).getNotAfter(),
                    next.fingerprint(), previous.fingerprint());
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("TLS credentials of {} changed but cannot be loaded, keeping the previous ones: {}", name,
                    e.getMessage());
            return false;
        }
    }

    private Map<Path, String> stamps() {
        Map<Path, String> m = new LinkedHashMap<>();
        for (Path p : files) {
            m.put(p, stamp(p));
        }
        return m;
    }

    private static String stamp(Path p) {
        try {
            byte[] data = Files.readAllBytes(p);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "TlsCredentials[" + name + ", SHA-256 " + material.fingerprint() + "]";
    }
}
