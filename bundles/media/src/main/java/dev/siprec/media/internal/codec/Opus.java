package dev.siprec.media.internal.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus (RFC 6716, RTP payload RFC 7587) decoded with the embedded pure-Java Concentus decoder at
 * 48 kHz mono; stereo streams are downmixed by the decoder. Lost packets are concealed with the
 * decoder's own PLC for up to {@link #MAX_CONCEALED_MILLIS} per gap.
 */
public final class Opus implements AudioDecoder {
    /** Output rate; also the RTP clock rate of Opus (RFC 7587 §4.1). */
    public static final int RATE = 48000;
    /** Longest Opus packet: 120 ms. */
    static final int MAX_FRAME = RATE * 120 / 1000;
    /** Concealment beyond this per gap is left as silence. */
    public static final int MAX_CONCEALED_MILLIS = 100;

    private final OpusDecoder decoder;
    private int lastFrame = RATE / 50;

    public Opus() {
        try {
            decoder = new OpusDecoder(RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder could not be created", e);
        }
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public int maxSamples(int payloadLength) {
        return MAX_FRAME;
    }

    @Override
    public int decode(byte[] in, int offset, int length, short[] out, int outOffset) {
        if (length == 0) {
            return 0;
        }
        try {
            int n = decoder.decode(in, offset, length, out, outOffset, MAX_FRAME, false);
            if (n > 0) {
                lastFrame = n;
            }
            return n;
        } catch (OpusException | RuntimeException e) {
            // A corrupt packet: the decoder's state is undefined afterwards.
            decoder.resetState();
            return -1;
        }
    }

    @Override
    public int conceal(short[] out, int outOffset, int maxSamples) {
        int frame = Math.min(lastFrame, maxSamples);
        // PLC needs a multiple of 2.5 ms
        frame -= frame % (RATE / 400);
        if (frame <= 0) {
            return 0;
        }
        try {
            return Math.max(0, decoder.decode(null, 0, 0, out, outOffset, frame, false));
        } catch (OpusException | RuntimeException e) {
            decoder.resetState();
            return 0;
        }
    }
}
