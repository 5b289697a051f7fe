package dev.siprec.srtp.dtls.internal;

import java.time.Duration;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeContext;
import dev.siprec.kex.api.KeyExchangeSession;

/**
 * DTLS-SRTP (RFC 5763, RFC 5764) as a {@link KeyExchange} for {@code UDP/TLS/RTP/SAVP(F)}: the SDP
 * carries only fingerprints and {@code a=setup}; the keys come from a DTLS 1.2 handshake on the
 * stream's media port, run by Bouncy Castle. A configuration change re-activates the component:
 * calls answered before keep their associations, which stop handshaking once the old engine closes.
 */
@Component(service = KeyExchange.class, configurationPid = DtlsConfig.PID, property = {
        KeyExchange.NAME + "=" + KeyExchange.DTLS,
        KeyExchange.PROTOCOLS + "=UDP/TLS/RTP/SAVP",
        KeyExchange.PROTOCOLS + "=UDP/TLS/RTP/SAVPF"
})
@Designate(ocd = DtlsConfig.class)
public final class DtlsKeyExchange implements KeyExchange {
    static final Set<String> PROTOCOLS_HANDLED = Set.of("UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF");
    private static final Logger LOG = LoggerFactory.getLogger(DtlsKeyExchange.class);

    private final DtlsEngine engine;

    @Activate
    public DtlsKeyExchange(DtlsConfig config) {
        this.engine = new DtlsEngine(settings(config));
        LOG.info("DTLS-SRTP key exchange up: certificate fingerprint {}, rotated every {} min",
                engine.identities().current().fingerprint().format(), config.certificate_rotation_minutes());
    }

    static DtlsSettings settings(DtlsConfig c) {
        return new DtlsSettings(Duration.ofSeconds(c.handshake_timeout_seconds()), c.max_datagram_bytes(),
                c.max_handshakes_per_source(), c.max_datagrams_per_second(), c.handshake_threads(), c.handshake_queue(),
                Duration.ofMinutes(c.certificate_rotation_minutes()));
    }

    @Deactivate
    void deactivate() {
        engine.close();
        LOG.info("DTLS-SRTP key exchange down");
    }

    DtlsEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return DTLS;
    }

    @Override
    public Set<String> protocols() {
        return PROTOCOLS_HANDLED;
    }

    /** @return false: the SDP carries fingerprints only, safe over any SIP transport (RFC 5763 §5). */
    @Override
    public boolean keysInSignaling() {
        return false;
    }

    @Override
    public KeyExchangeSession open(KeyExchangeContext context) {
        return new DtlsSession(engine);
    }
}
