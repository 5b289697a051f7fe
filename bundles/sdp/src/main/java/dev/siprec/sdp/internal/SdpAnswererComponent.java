package dev.siprec.sdp.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * The {@link SdpAnswerer} service: codecs from PID {@code dev.siprec.sdp}, suites and key policy
 * from PID {@code dev.siprec.srtp} (read at every offer, so changes apply to the next one), suites
 * from the registry as they come and go, keys from the {@link KeyManager}.
 */
@Component(service = SdpAnswerer.class, configurationPid = "dev.siprec.sdp")
public final class SdpAnswererComponent implements SdpAnswerer {
    private static final Logger LOG = LoggerFactory.getLogger(SdpAnswererComponent.class);

    private final SrtpCryptoSuiteRegistry registry;
    private final KeyManager keys;
    private final SrtpNegotiationConfig srtp;
    private final SuitePreferencesImpl preferences;
    private volatile CodecSelector codecs;

    @Activate
    public SdpAnswererComponent(@Reference(name = "registry") SrtpCryptoSuiteRegistry registry,
                                @Reference(name = "keys") KeyManager keys,
                                @Reference(name = "srtp") SrtpNegotiationConfig srtp,
                                @Reference(name = "preferences") SuitePreferencesImpl preferences, SdpConfig config) {
        this.registry = registry;
        this.keys = keys;
        this.srtp = srtp;
        this.preferences = preferences;
        modified(config);
    }

    /** Outside OSGi (tests, benchmarks): suites ordered without service rankings. */
    public SdpAnswererComponent(SrtpCryptoSuiteRegistry registry, KeyManager keys, SrtpNegotiationConfig srtp,
                                SdpConfig config) {
        this(registry, keys, srtp, new SuitePreferencesImpl(registry, srtp), config);
    }

    @Modified
    void modified(SdpConfig config) {
        codecs = CodecSelector.fromConfig(config.codecs());
        LOG.info("SDP answerer: recording codecs {} plus telephone-event and CN", codecs.supported());
    }

    @Override
    public AnswerSession newSession(String originAddressType, String originAddress) {
        return newSession(originAddressType, originAddress, null);
    }

    @Override
    public AnswerSession newSession(String originAddressType, String originAddress, String sipTransport) {
        if (!Connection.IP4.equals(originAddressType) && !Connection.IP6.equals(originAddressType)) {
            throw new IllegalArgumentException("origin address type must be IP4 or IP6: " + originAddressType);
        }
        if (originAddress == null || !Addresses.fits(originAddressType, originAddress)) {
            throw new IllegalArgumentException("origin address is not an " + originAddressType + " address or host name: "
                    + originAddress);
        }
        return new AnswerSessionImpl(() -> new MediaNegotiator(codecs, srtp.settings(), preferences.current(), registry,
                sipTransport), keys,
                originAddressType, originAddress);
    }
}
