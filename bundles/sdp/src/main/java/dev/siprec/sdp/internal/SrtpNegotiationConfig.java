package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration PID {@code dev.siprec.srtp} as SDP negotiation reads it: the suite preference list
 * and the key policy. Changes apply to the next offer without restarting the answerer.
 */
@Component(service = SrtpNegotiationConfig.class, configurationPid = "dev.siprec.srtp")
@Designate(ocd = SrtpNegotiationConfig.Config.class)
public final class SrtpNegotiationConfig {
    private static final Logger LOG = LoggerFactory.getLogger(SrtpNegotiationConfig.class);

    /** SRTP suite names this server knows of (IANA SDES registry, RFC 4568, 6188, 7714, plus libsrtp's NULL suites). */
    static final Set<String> KNOWN_SUITES = Set.of("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
            "AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "F8_128_HMAC_SHA1_80",
            "NULL_HMAC_SHA1_80", "NULL_HMAC_SHA1_32", "ARIA_128_CTR_HMAC_SHA1_80", "ARIA_128_CTR_HMAC_SHA1_32",
            "ARIA_192_CTR_HMAC_SHA1_80", "ARIA_192_CTR_HMAC_SHA1_32", "ARIA_256_CTR_HMAC_SHA1_80",
            "ARIA_256_CTR_HMAC_SHA1_32", "AEAD_ARIA_128_GCM", "AEAD_ARIA_256_GCM");

    @ObjectClassDefinition(name = "SIPREC SRTP negotiation",
            description = "Which SRTP suites SDES negotiation (RFC 4568) answers, in preference order, and whether "
                    + "SRTP is off, optional or required.")
    public @interface Config {
        @AttributeDefinition(description = "SRTP crypto suites in preference order; a suite is negotiated only "
                + "while its bundle has registered it.")
        String[] suites() default {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM",
            "AEAD_AES_256_GCM", "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80",
            "AES_192_CM_HMAC_SHA1_32"};

        @AttributeDefinition(description = "off: refuse RTP/SAVP; optional: accept RTP/AVP and RTP/SAVP; "
                + "required: refuse RTP/AVP (488 when nothing is left).")
        String policy() default "optional";
    }

    /** One consistent view of the configuration. */
    record Settings(List<String> suites, KeyPolicy policy) {
        Settings {
            suites = List.copyOf(suites);
        }
    }

    private volatile Settings settings = new Settings(List.of(), KeyPolicy.OPTIONAL);

    @Activate
    @Modified
    void configure(Config config) {
        settings = parse(config);
        LOG.info("SRTP negotiation: policy={}, suites={}", settings.policy().text(), settings.suites());
    }

    Settings settings() {
        return settings;
    }

    /**
     * Validates a configuration: a bad policy is an error; unknown suite names are skipped with a
     * WARN; an empty list is an error only when SRTP is required.
     */
    static Settings parse(Config config) {
        KeyPolicy policy = KeyPolicy.parse(config.policy());
        Set<String> suites = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String entry : config.suites() == null ? new String[0] : config.suites()) {
            for (String name : entry.split("[,\\s]+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (KNOWN_SUITES.contains(name)) {
                    suites.add(name);
                } else {
                    unknown.add(name);
                }
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("dev.siprec.srtp: unknown SRTP suite name(s) {} in 'suites' ignored; known names are {}", unknown,
                    KNOWN_SUITES.stream().sorted().toList());
        }
        if (suites.isEmpty()) {
            if (policy == KeyPolicy.REQUIRED) {
                throw new IllegalArgumentException("dev.siprec.srtp: policy=required but 'suites' names no known SRTP "
                        + "suite, so no call could be answered");
            }
            if (policy == KeyPolicy.OPTIONAL) {
                LOG.warn("dev.siprec.srtp: 'suites' names no known SRTP suite; every RTP/SAVP m-line will be refused");
            }
        }
        return new Settings(new ArrayList<>(suites), policy);
    }
}
