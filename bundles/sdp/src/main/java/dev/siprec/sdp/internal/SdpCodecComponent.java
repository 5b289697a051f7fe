package dev.siprec.sdp.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.api.SdpLimits;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;

/** The {@link SdpCodec} service, with the limits of configuration PID {@code dev.siprec.sdp}. */
@Component(service = SdpCodec.class, configurationPid = "dev.siprec.sdp")
@Designate(ocd = SdpConfig.class)
public final class SdpCodecComponent implements SdpCodec {
    private volatile SdpParser parser;

    /** Creates a codec with {@link SdpLimits#DEFAULT}, for use outside OSGi. */
    public SdpCodecComponent() {
        this.parser = new SdpParser(SdpLimits.DEFAULT);
    }

    @Activate
    @Modified
    void configure(SdpConfig config) {
        parser = new SdpParser(limits(config));
    }

    static SdpLimits limits(SdpConfig c) {
        try {
            return new SdpLimits(c.max_bytes(), c.max_lines(), c.max_line_length(), c.max_media(), c.max_attributes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dev.siprec.sdp: " + e.getMessage(), e);
        }
    }

    @Override
    public SessionDescription parse(byte[] body) throws SdpParseException {
        return parser.parse(body);
    }

    @Override
    public SessionDescription parse(String text) throws SdpParseException {
        return parser.parse(text);
    }

    @Override
    public String format(SessionDescription description) {
        return SdpWriter.format(description);
    }

    @Override
    public CryptoAttribute parseCrypto(String value) throws SdpParseException {
        return CryptoCodec.parse(value);
    }

    @Override
    public String formatCrypto(CryptoAttribute crypto) {
        return CryptoCodec.format(crypto);
    }
}
