package dev.siprec.media.internal.codec;

import java.util.List;
import java.util.Locale;

import dev.siprec.sdp.api.Codec;

/** Chooses a decoder for a negotiated payload format and knows each decoder's output rate. */
public final class Decoders {
    private Decoders() {
    }

    /** @return a new decoder for {@code codec}, or {@code null} when it cannot be decoded (kept as raw RTP) */
    public static AudioDecoder create(Codec codec) {
        switch (codec.encoding().toUpperCase(Locale.ROOT)) {
            case "PCMU":
                return G711.ulaw();
            case "PCMA":
                return G711.alaw();
            case "G722":
                return new G722();
            case "OPUS":
                return new Opus();
            case "L16":
                return new L16(codec.clockRate(), codec.channels());
            default:
                return null;
        }
    }

    /** @return the PCM rate written for {@code codec}: decoder rate, or its clock rate when it is not decoded */
    public static int outputRate(Codec codec) {
        switch (codec.encoding().toUpperCase(Locale.ROOT)) {
            case "PCMU":
            case "PCMA":
                return 8000;
            case "G722":
                return 16000;
            case "OPUS":
                return Opus.RATE;
            default:
                return codec.clockRate();
        }
    }

    /** @return the output rate of the first audio codec of {@code codecs} */
    public static int outputRate(List<Codec> codecs) {
        for (Codec c : codecs) {
            if (c.isAudio()) {
                return outputRate(c);
            }
        }
        throw new IllegalArgumentException("no audio payload format among " + codecs);
    }
}
