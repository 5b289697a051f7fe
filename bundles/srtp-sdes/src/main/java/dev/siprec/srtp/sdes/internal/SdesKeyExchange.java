package dev.siprec.srtp.sdes.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeContext;
import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.keys.api.KeyManager;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * Security Descriptions (RFC 4568) as a {@link KeyExchange}: the offerer's keys come in
 * {@code a=crypto}, the answer carries a fresh server key for the chosen suite (§7.1.2). Suites come
 * from the registry, keys from the {@link KeyManager}, {@code a=crypto} parsing from the
 * {@link SdpCodec}.
 */
@Component(service = KeyExchange.class, property = {
        KeyExchange.NAME + "=" + KeyExchange.SDES,
        KeyExchange.PROTOCOLS + "=RTP/SAVP",
        KeyExchange.PROTOCOLS + "=RTP/SAVPF"
})
public final class SdesKeyExchange implements KeyExchange {
    static final Set<String> PROTOCOLS_HANDLED = Set.of("RTP/SAVP", "RTP/SAVPF");

    private final SrtpCryptoSuiteRegistry registry;
    private final KeyManager keys;
    private final SdpCodec codec;

    @Activate
    public SdesKeyExchange(@Reference(name = "registry") SrtpCryptoSuiteRegistry registry,
                           @Reference(name = "keys") KeyManager keys, @Reference(name = "codec") SdpCodec codec) {
        this.registry = registry;
        this.keys = keys;
        this.codec = codec;
    }

    @Override
    public String name() {
        return SDES;
    }

    @Override
    public Set<String> protocols() {
        return PROTOCOLS_HANDLED;
    }

    @Override
    public boolean keysInSignaling() {
        return true;
    }

    @Override
    public KeyExchangeSession open(KeyExchangeContext context) {
        return new SdesSession(registry, keys, codec);
    }
}
