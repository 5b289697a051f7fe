package dev.siprec.media.internal.codec;

/**
 * {@code L16} (RFC 3551 §4.5.11): 16-bit big-endian signed samples, interleaved when several channels;
 * channels are averaged to mono.
 */
public final class L16 implements AudioDecoder {
    private final int rate;
    private final int channels;

    public L16(int rate, int channels) {
        if (rate <= 0 || channels < 1 || channels > 8) {
            throw new IllegalArgumentException("L16 needs a positive rate and 1..8 channels");
        }
        this.rate = rate;
        this.channels = channels;
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public int maxSamples(int payloadLength) {
        return payloadLength / (2 * channels);
    }

    @Override
    public int decode(byte[] in, int offset, int length, short[] out, int outOffset) {
        int frame = 2 * channels;
        if (length % frame != 0) {
            return -1;
        }
        int n = length / frame;
        int p = offset;
        for (int i = 0; i < n; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += (short) (((in[p] & 0xFF) << 8) | (in[p + 1] & 0xFF));
                p += 2;
            }
            out[outOffset + i] = (short) (sum / channels);
        }
        return n;
    }
}
