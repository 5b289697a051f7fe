package dev.siprec.sdp.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeContext;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * The {@link SdpAnswerer} service: codecs from PID {@code dev.siprec.sdp}, suite order and key
 * policy from PID {@code dev.siprec.srtp} (read at every offer, so changes apply to the next one),
 * SRTP keying from the {@link KeyExchange} services as they come and go (SDES from bundle
 * {@code dev.siprec.srtp.sdes}).
 */
@Component(service = SdpAnswerer.class, configurationPid = "dev.siprec.sdp")
public final class SdpAnswererComponent implements SdpAnswerer {
    private static final Logger LOG = LoggerFactory.getLogger(SdpAnswererComponent.class);

    private final SrtpNegotiationConfig srtp;
    private final SuitePreferencesImpl preferences;
    private final KeyExchanges kexes;
    private volatile CodecSelector codecs;

    @Activate
    public SdpAnswererComponent(@Reference(name = "srtp") SrtpNegotiationConfig srtp,
                                @Reference(name = "preferences") SuitePreferencesImpl preferences,
                                @Reference(name = "kexes") KeyExchanges kexes, SdpConfig config) {
        this.srtp = srtp;
        this.preferences = preferences;
        this.kexes = kexes;
        modified(config);
    }

    /** Outside OSGi (tests, benchmarks): suites ordered without service rankings. */
    public SdpAnswererComponent(SrtpCryptoSuiteRegistry registry, SrtpNegotiationConfig srtp, KeyExchanges kexes,
                                SdpConfig config) {
        this(srtp, new SuitePreferencesImpl(registry, srtp), kexes, config);
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
        return new AnswerSessionImpl(() -> new MediaNegotiator(codecs, srtp.settings(), preferences.current(), kexes,
                sipTransport), new KeyExchangeContext(sipTransport), originAddressType, originAddress);
    }
}
