package dev.siprec.srtp.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
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

        @AttributeDefinition(name = "ROC probe rate", description = "Probe rounds per second per session (one "
                + "session serves one media stream of one peer); each round tries up to 'roc.probe.range' rollover "
                + "counters. Bounds the work forged packets cause; 1..10000")
        int roc_probe_rate() default 10;

        @AttributeDefinition(name = "SSRCs per session", description = "SSRCs a session keeps a context for, per "
                + "direction (1..1024). A policy that sets its own cap keeps it")
        int streams_max() default SrtpPolicy.DEFAULT_MAX_STREAMS;

        @AttributeDefinition(name = "Idle SSRC timeout (s)", description = "When the SSRC table of a session is full, "
                + "the SSRC silent the longest, if silent at least this long, gives its slot to a new SSRC (its replay "
                + "state is kept aside in case it returns); 0 keeps every SSRC until the session ends")
        int streams_idle_timeout() default 30;
    }

    private final SuiteRegistry registry;
    private final int maxSessions;
    private final int probeRange;
    private final int probePackets;
    private final int probeRate;
    private final int streamsMax;
    private final long idleNanos;
    private final LongSupplier clock;
    private final CoarseClock stamps;
    private final AtomicInteger open = new AtomicInteger();

    /** How often the packet stamps follow the clock (see {@link CoarseClock}). */
    static final long STAMP_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    @Activate
    public SrtpEngineImpl(@Reference SuiteRegistry registry, Config config) {
        this(registry, config, System::nanoTime, STAMP_TICK_NANOS);
    }

    /** @param clock nanosecond clock for idle SSRCs and the probe rate, read directly (tests pass their own) */
    SrtpEngineImpl(SuiteRegistry registry, Config config, LongSupplier clock) {
        this(registry, config, clock, 0);
    }

    private SrtpEngineImpl(SuiteRegistry registry, Config config, LongSupplier clock, long stampTick) {
        if (config.max_sessions() < 1) {
            throw new IllegalArgumentException("max.sessions must be at least 1: " + config.max_sessions());
        }
        if (config.roc_probe_range() < 0 || config.roc_probe_range() > 65535) {
            throw new IllegalArgumentException("roc.probe.range must be 0..65535: " + config.roc_probe_range());
        }
        if (config.roc_probe_packets() < 0 || config.roc_probe_packets() > 100) {
            throw new IllegalArgumentException("roc.probe.packets must be 0..100: " + config.roc_probe_packets());
        }
        if (config.roc_probe_rate() < 1 || config.roc_probe_rate() > 10000) {
            throw new IllegalArgumentException("roc.probe.rate must be 1..10000: " + config.roc_probe_rate());
        }
        if (config.streams_max() < 1 || config.streams_max() > SrtpPolicy.MAX_STREAMS) {
            throw new IllegalArgumentException("streams.max must be 1.." + SrtpPolicy.MAX_STREAMS + ": " + config.streams_max());
        }
        if (config.streams_idle_timeout() < 0) {
            throw new IllegalArgumentException("streams.idle.timeout must be 0 (never) or more seconds: "
                    + config.streams_idle_timeout());
        }
        this.registry = registry;
        this.clock = clock;
        this.probeRate = config.roc_probe_rate();
        this.streamsMax = config.streams_max();
        this.idleNanos = TimeUnit.SECONDS.toNanos(config.streams_idle_timeout());
        this.maxSessions = config.max_sessions();
        this.probeRange = config.roc_probe_range();
        this.probePackets = config.roc_probe_packets();
        this.stamps = new CoarseClock(clock, stampTick);
    }

    /** Stops the packet-stamp ticker; sessions still open read the precise clock from then on. */
    @Deactivate
    void deactivate() {
        stamps.close();
    }

    @Override
    public SrtpSession newSession(SrtpPolicy policy) {
        return newSession(policy, false);
    }

    @Override
    public SrtpSession newReceiveSession(SrtpPolicy policy) {
        return newSession(policy, true);
    }

    private SrtpSession newSession(SrtpPolicy policy, boolean receiveOnly) {
        try {
            return open(policy, receiveOnly);
        } finally {
            // the engine owns the policy's keys: the session keys are derived, the master keys go
            policy.keys().forEach(SrtpMasterKey::close);
        }
    }

    private SrtpSession open(SrtpPolicy policy, boolean receiveOnly) {
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
            KeySlot[] txSlots = receiveOnly ? null : slots(suite, policy, created);
            int rtpTag = policy.unauthenticatedSrtp() ? 0 : suite.srtpAuthTagLength();
            int rtcpTag = suite.srtcpAuthTagLength();
            int mki = policy.mkiLength();
            SuiteRegistry.Counters counters = registry.counters(name);
            int maxStreams = policy.maxStreams() == SrtpPolicy.DEFAULT_MAX_STREAMS ? streamsMax : policy.maxStreams();
            Receiver rx = new Receiver(rxSlots, maxStreams, rtpTag, rtcpTag, mki, suite.aead(), policy.replayWindow(),
                    counters, new RocProbe(probeRange, probePackets, probeRate, clock.getAsLong()), name, stamps, idleNanos);
            Sender tx = receiveOnly ? null : new Sender(txSlots, maxStreams, rtpTag, rtcpTag, mki, suite.aead(),
                    policy.replayWindow(), counters, !policy.unencryptedSrtcp());
            int overhead = Math.max(rtpTag, 4 + rtcpTag) + mki;
            counters.sessions.incrementAndGet();
            registry.opened(name, suite);
            if (LOG.isDebugEnabled()) {
                LOG.debug("SRTP session opened: {}, {} key(s), window {}", name, policy.keys().size(), policy.replayWindow());
            }
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
