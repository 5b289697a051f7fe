package dev.siprec.srtp.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpEngine;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpSession;
import dev.siprec.srtp.api.SrtpTransform;

/**
 * The SRTP engine (RFC 3711): checks a policy against its suite and opens a session with one
 * transform per master key and direction. Configuration PID {@value #PID}.
 */
@Component(service = SrtpEngine.class, configurationPid = SrtpEngineImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SrtpEngineImpl.Config.class)
public final class SrtpEngineImpl implements SrtpEngine {
    static final String PID = "dev.siprec.srtp.engine";
    private static final Logger LOG = LoggerFactory.getLogger(SrtpEngineImpl.class);

    @ObjectClassDefinition(name = "SIPREC SRTP engine", description = "Limits of the SRTP/SRTCP engine (RFC 3711)")
    public @interface Config {
        @AttributeDefinition(name = "Maximum sessions", description = "SRTP sessions open at once, engine-wide")
        int max_sessions() default 20000;

        @AttributeDefinition(name = "ROC probe range", description = "Highest rollover counter tried for a stream "
                + "that does not authenticate at ROC 0 (started mid-flight); 0 disables probing")
        int roc_probe_range() default 16;

        @AttributeDefinition(name = "ROC probe packets", description = "Packets of one unknown SSRC that are "
                + "probed before it is given up")
        int roc_probe_packets() default 4;
    }

    private final SuiteRegistry registry;
    private final int maxSessions;
    private final int probeRange;
    private final int probePackets;
    private final AtomicInteger open = new AtomicInteger();

    @Activate
    public SrtpEngineImpl(@Reference SuiteRegistry registry, Config config) {
        if (config.max_sessions() < 1) {
            throw new IllegalArgumentException("max.sessions must be at least 1: " + config.max_sessions());
        }
        if (config.roc_probe_range() < 0 || config.roc_probe_range() > 65535) {
            throw new IllegalArgumentException("roc.probe.range must be 0..65535: " + config.roc_probe_range());
        }
        if (config.roc_probe_packets() < 0 || config.roc_probe_packets() > 100) {
            throw new IllegalArgumentException("roc.probe.packets must be 0..100: " + config.roc_probe_packets());
        }
        this.registry = registry;
        this.maxSessions = config.max_sessions();
        this.probeRange = config.roc_probe_range();
        this.probePackets = config.roc_probe_packets();
    }

    @Override
    public SrtpSession newSession(SrtpPolicy policy) {
        String name = policy.suite();
        SrtpCryptoSuite suite = registry.suite(name)
                .orElseThrow(() -> new IllegalArgumentException("SRTP suite " + name + " is not registered"));
        check(suite, policy);
        if (open.incrementAndGet() > maxSessions) {
            open.decrementAndGet();
            throw new IllegalStateException("SRTP session limit reached (" + maxSessions + ")");
        }
        List<KeySlot> created = new ArrayList<>();
        try {
            KeySlot[] rxSlots = slots(suite, policy, created);
            KeySlot[] txSlots = slots(suite, policy, created);
            int rtpTag = policy.unauthenticatedSrtp() ? 0 : suite.srtpAuthTagLength();
            int rtcpTag = suite.srtcpAuthTagLength();
            int mki = policy.mkiLength();
            SuiteRegistry.Counters counters = registry.counters(name);
            Receiver rx = new Receiver(rxSlots, policy.maxStreams(), rtpTag, rtcpTag, mki, suite.aead(),
                    policy.replayWindow(), counters, new RocProbe(probeRange, probePackets), name);
            Sender tx = new Sender(txSlots, policy.maxStreams(), rtpTag, rtcpTag, mki, suite.aead(),
                    policy.replayWindow(), counters, !policy.unencryptedSrtcp());
            int overhead = Math.max(rtpTag, 4 + rtcpTag) + mki;
            counters.sessions.incrementAndGet();
            LOG.debug("SRTP session opened: {}, {} key(s), window {}", name, policy.keys().size(), policy.replayWindow());
            return new SessionImpl(name, rx, tx, overhead, () -> {
                counters.sessions.decrementAndGet();
                open.decrementAndGet();
            });
        } catch (RuntimeException e) {
            created.forEach(KeySlot::close);
            open.decrementAndGet();
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalStateException("SRTP suite " + name + " failed to create a transform", e);
        }
    }

    private static void check(SrtpCryptoSuite suite, SrtpPolicy policy) {
        for (SrtpMasterKey k : policy.keys()) {
            if (k.keyLength() != suite.masterKeyLength() || k.saltLength() != suite.masterSaltLength()) {
                throw new IllegalArgumentException(suite.name() + " needs a " + suite.masterKeyLength() + "-byte key and a "
                        + suite.masterSaltLength() + "-byte salt, got " + k.keyLength() + " and " + k.saltLength());
            }
            if (k.lifetime() > suite.srtpLifetime()) {
                throw new IllegalArgumentException("master key lifetime " + k.lifetime() + " exceeds the "
                        + suite.name() + " maximum " + suite.srtpLifetime());
            }
        }
    }

    private static KeySlot[] slots(SrtpCryptoSuite suite, SrtpPolicy policy, List<KeySlot> created) {
        KeySlot[] slots = new KeySlot[policy.keys().size()];
        for (int i = 0; i < slots.length; i++) {
            SrtpMasterKey k = policy.keys().get(i);
            byte[] key = k.key();
            byte[] salt = k.salt();
            try {
                SrtpTransform t = suite.newTransform(key, salt, policy.keyDerivationRate(),
                        !policy.unencryptedSrtp(), !policy.unauthenticatedSrtp());
                if (t == null) {
                    throw new IllegalStateException("suite returned no transform");
                }
                long life = k.lifetime() == 0 ? Long.MAX_VALUE : k.lifetime();
                slots[i] = new KeySlot(t, k.mki(), Math.min(life, suite.srtpLifetime()),
                        Math.min(life, suite.srtcpLifetime()));
                created.add(slots[i]);
            } finally {
                Arrays.fill(key, (byte) 0);
                Arrays.fill(salt, (byte) 0);
            }
        }
        return slots;
    }
}
