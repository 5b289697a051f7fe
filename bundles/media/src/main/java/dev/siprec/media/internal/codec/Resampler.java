package dev.siprec.media.internal.codec;

/**
 * Linear-interpolation sample rate converter for the rare stream that switches to a codec of another
 * rate mid-call, so that one stream keeps one PCM rate. Keeps its phase and last sample between blocks.
 */
public final class Resampler {
    private final int inRate;
    private final int outRate;
    /** Position of the next output sample, in input samples scaled by outRate, relative to {@link #last}. */
    private long phase;
    private int last;
    private boolean primed;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        this.inRate = inRate;
        this.outRate = outRate;
    }

    public int inRate() {
        return inRate;
    }

    /** @return an upper bound of the output samples for {@code n} input samples */
    public int maxOutput(int n) {
        return (int) (((long) n + 1) * outRate / inRate) + 2;
    }

    /** Converts {@code n} samples from {@code in}; @return the samples written to {@code out}. */
    public int process(short[] in, int offset, int n, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = 0; i < n; i++) {
            int cur = in[offset + i];
            if (!primed) {
                last = cur;
                primed = true;
                phase = 0;
            }
            // emit every output sample lying in [last, cur): phase counts in units of 1/outRate input samples
            while (phase < outRate) {
                long v = last + (long) (cur - last) * phase / outRate;
                out[o++] = (short) v;
                phase += inRate;
            }
            phase -= outRate;
            last = cur;
        }
        return o - outOffset;
    }
}
