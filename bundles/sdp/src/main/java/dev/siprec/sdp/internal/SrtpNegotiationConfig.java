package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration PID {@code dev.siprec.srtp} as SDP negotiation reads it: the suite preference
 * order, the refused suites, the key policy and the SIP transports that may carry SDES keys.
 * Changes apply to the next offer without restarting the answerer.
 * <p>
 * Suite names are open: any RFC 4568 {@code srtp-crypto-suite} token ({@code 1*(ALPHA / DIGIT /
 * "_")}, §9.1) is accepted. Every registered suite is negotiable unless listed in
 * {@code suites.disabled}; {@code suites} only orders them (see {@link SuitePreferencesImpl}).
 */
@Component(service = SrtpNegotiationConfig.class, configurationPid = "dev.siprec.srtp")
@Designate(ocd = SrtpNegotiationConfig.Config.class)
public final class SrtpNegotiationConfig {
    private static final Logger LOG = LoggerFactory.getLogger(SrtpNegotiationConfig.class);

    /** RFC 4568 §9.1 {@code srtp-crypto-suite}; bounded so that a configuration cannot hold huge names. */
    static final Pattern SUITE_TOKEN = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** SIP transports counted as confidential for {@code sdes.transports} by default under {@code policy=required}. */
    static final Set<String> CONFIDENTIAL_TRANSPORTS = Set.of("TLS", "WSS");
    /** Value of {@code sdes.transports} meaning every transport. */
    static final String ANY = "*";

    @ObjectClassDefinition(name = "SIPREC SRTP negotiation",
            description = "SRTP suite preference and refusal, whether SRTP is off, optional or required, and which "
                    + "SIP transports may carry SDES keys (RFC 4568).")
    public @interface Config {
        @AttributeDefinition(description = "Preference order of SRTP crypto suites (any RFC 4568 suite name). Every "
                + "registered suite is negotiable: the names listed here come first, in this order; the other "
                + "registered suites follow by service.ranking (highest first), then by name. A listed name that no "
                + "bundle registers is skipped with a WARN.")
        String[] suites() default {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM",
            "AEAD_AES_256_GCM", "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80",
            "AES_192_CM_HMAC_SHA1_32"};

        @AttributeDefinition(name = "suites.disabled", description = "SRTP crypto suites never negotiated, even "
                + "when registered and listed in suites.")
        String[] suites_disabled() default {};

        @AttributeDefinition(description = "off: refuse RTP/SAVP; optional: accept RTP/AVP and RTP/SAVP; "
                + "required: refuse RTP/AVP and UNAUTHENTICATED_SRTP (488 when nothing is left).")
        String policy() default "optional";

        @AttributeDefinition(name = "sdes.transports", description = "SIP transports over which SDES keys "
                + "(a=crypto, RFC 4568 §8.3) are accepted and answered, e.g. TLS, WSS; * for any. Empty (default): "
                + "TLS and WSS when policy=required, any transport otherwise.")
        String[] sdes_transports() default {};
    }

    /**
     * One consistent view of the configuration.
     *
     * @param suites the listed names, in order, without duplicates
     * @param disabled names never negotiated
     * @param policy the key policy
     * @param sdesTransports upper-case SIP transport names allowed to carry SDES keys, or empty for any
     */
    record Settings(List<String> suites, Set<String> disabled, KeyPolicy policy, Set<String> sdesTransports) {
        Settings {
            suites = List.copyOf(suites);
            disabled = Set.copyOf(disabled);
            sdesTransports = Set.copyOf(sdesTransports);
        }

        Settings(List<String> suites, KeyPolicy policy) {
            this(suites, Set.of(), policy, Set.of());
        }

        /** @return {@code true} when SDES keys may travel over the SIP transport {@code transport}. */
        boolean sdesAllowedOver(String transport) {
            return sdesTransports.isEmpty()
                    || transport != null && sdesTransports.contains(transport.toUpperCase(Locale.ROOT));
        }
    }

    private volatile Settings settings = new Settings(List.of(), KeyPolicy.OPTIONAL);
    private volatile long version;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    @Activate
    void configure(Config config) {
        settings = parse(config);
        version++;
        LOG.info("SRTP negotiation: policy={}, preferred suites={}, disabled={}, SDES over {}", settings.policy().text(),
                settings.suites(), settings.disabled(),
                settings.sdesTransports().isEmpty() ? "any transport" : settings.sdesTransports());
    }

    /** A change made while the server runs: applied, then the listeners run (suite checks against what is registered). */
    @Modified
    void modified(Config config) {
        configure(config);
        for (Runnable r : changeListeners) {
            r.run();
        }
    }

    /** @param listener runs after each configuration change made while the server runs (not at start-up) */
    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    void removeOnChange(Runnable listener) {
        changeListeners.remove(listener);
    }

    Settings settings() {
        return settings;
    }

    /** @return a number that changes with every configuration, so that WARNs can be given once per configuration. */
    long version() {
        return version;
    }

    /**
     * Validates a configuration: a bad policy is an error; names that are not RFC 4568 suite tokens
     * are skipped with a WARN. Names no bundle registers are accepted (the bundle may come later).
     */
    static Settings parse(Config config) {
        KeyPolicy policy = KeyPolicy.parse(config.policy());
        Set<String> suites = names("suites", config.suites());
        Set<String> disabled = names("suites.disabled", config.suites_disabled());
        Set<String> transports = new LinkedHashSet<>();
        boolean any = false;
        for (String t : split(config.sdes_transports())) {
            if (ANY.equals(t)) {
                any = true;
            } else if (t.matches("[A-Za-z0-9]{1,16}")) {
                transports.add(t.toUpperCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("dev.siprec.srtp: sdes.transports entry '" + t
                        + "' is not a SIP transport name (e.g. TLS, WSS, TCP, UDP) or *");
            }
        }
        if (any) {
            transports.clear();
        } else if (transports.isEmpty() && policy == KeyPolicy.REQUIRED) {
            transports.addAll(CONFIDENTIAL_TRANSPORTS);
        }
        List<String> preferred = new ArrayList<>(suites);
        preferred.removeAll(disabled);
        return new Settings(preferred, disabled, policy, transports);
    }

    private static Set<String> names(String key, String[] values) {
        Set<String> names = new LinkedHashSet<>();
        List<String> malformed = new ArrayList<>();
        for (String name : split(values)) {
            if (SUITE_TOKEN.matcher(name).matches()) {
                names.add(name);
            } else {
                malformed.add(name.length() > 64 ? name.substring(0, 64) + "..." : name);
            }
        }
        if (!malformed.isEmpty()) {
            LOG.warn("dev.siprec.srtp: '{}' entries {} ignored: not RFC 4568 crypto-suite names (letters, digits, _)",
                    key, malformed);
        }
        return names;
    }

    private static List<String> split(String[] values) {
        List<String> out = new ArrayList<>();
        for (String entry : values == null ? new String[0] : values) {
            for (String name : entry.split("[,\\s]+")) {
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
