package dev.siprec.keys.internal.master;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;

/**
 * Generates SRTP master keys and salts (RFC 3711 §8.1, RFC 4568 §6.1) from a NIST SP 800-90A DRBG
 * with prediction resistance where the JDK offers it (every request reseeds from the entropy
 * source), counts the keys until they are wiped and wipes those still live when it stops. Keys are
 * never logged.
 */
@Component(service = KeyManager.class, configurationPid = KeyManagerImpl.PID)
@Designate(ocd = KeyManagerImpl.Config.class)
public final class KeyManagerImpl implements KeyManager {
    static final String PID = "dev.siprec.keys.master";
    private static final Logger LOG = LoggerFactory.getLogger(KeyManagerImpl.class);
    private static final byte[] PERSONALIZATION = "dev.siprec SRTP master keys".getBytes(StandardCharsets.US_ASCII);

    @ObjectClassDefinition(name = "SIPREC SRTP master keys",
            description = "Generation of the server's SRTP master keys (RFC 4568 answers).")
    public @interface Config {
        @AttributeDefinition(description = "Most master keys alive at once; beyond it key requests fail, which "
                + "points at keys not being released.")
        int max_live_keys() default 65536;
    }

    private final SecureRandom random;
    private final int maxLive;
    private final Set<SrtpMasterKey> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Activate
    public KeyManagerImpl(Config config) {
        this(config.max_live_keys(), newDrbg());
    }

    KeyManagerImpl(int maxLive, SecureRandom random) {
        if (maxLive < 1) {
            throw new IllegalArgumentException(PID + ": max.live.keys must be at least 1, found " + maxLive);
        }
        this.maxLive = maxLive;
        this.random = random;
        LOG.info("SRTP master keys from {} ({}), at most {} live", random.getAlgorithm(), describe(random), maxLive);
    }

    /** A DRBG with 256-bit strength and prediction resistance, falling back as far as the JDK requires. */
    static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.PR_AND_RESEED, PERSONALIZATION));
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            LOG.warn("DRBG with prediction resistance unavailable ({}); using the default DRBG", e.toString());
        }
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            LOG.warn("no DRBG SecureRandom in this JDK; using the platform default SecureRandom");
            return new SecureRandom();
        }
    }

    private static String describe(SecureRandom random) {
        if (random.getParameters() instanceof DrbgParameters.Instantiation p) {
            return p.getStrength() + "-bit, " + p.getCapability().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return "no DRBG parameters";
    }

    @Override
    public SrtpMasterKey newMasterKey(int keyLength, int saltLength, long lifetime) {
        if (keyLength < 16 || keyLength > 32) {
            throw new IllegalArgumentException("SRTP master key length must be 16..32 bytes: " + keyLength);
        }
        if (saltLength < 12 || saltLength > 14) {
            throw new IllegalArgumentException("SRTP master salt length must be 12..14 bytes: " + saltLength);
        }
        if (lifetime < 0) {
            throw new IllegalArgumentException("negative key lifetime: " + lifetime);
        }
        if (closed) {
            throw new IllegalStateException("key manager stopped");
        }
        if (live.size() >= maxLive) {
            throw new IllegalStateException(maxLive + " SRTP master keys are live (" + PID
                    + " max.live.keys): keys are not being released");
        }
        // One DRBG request for key and salt: with prediction resistance every request reseeds.
        byte[] both = new byte[keyLength + saltLength];
        random.nextBytes(both);
        byte[] key = Arrays.copyOfRange(both, 0, keyLength);
        byte[] salt = Arrays.copyOfRange(both, keyLength, both.length);
        Arrays.fill(both, (byte) 0);
        try {
            SrtpMasterKey[] self = new SrtpMasterKey[1];
            self[0] = new SrtpMasterKey(key, salt, lifetime, null, () -> live.remove(self[0]));
            live.add(self[0]);
            if (closed) {
                self[0].close();
                throw new IllegalStateException("key manager stopped");
            }
            return self[0];
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    @Override
    public int liveKeys() {
        return live.size();
    }

    /** Wipes every key still live. */
    @Deactivate
    public void close() {
        closed = true;
        int n = live.size();
        for (SrtpMasterKey k : live.toArray(new SrtpMasterKey[0])) {
            k.close();
        }
        if (n > 0) {
            LOG.info("wiped {} live SRTP master key(s) on stop", n);
        }
    }
}
