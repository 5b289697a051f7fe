package dev.siprec.recording.wav.internal;

/**
 * Streaming rational-ratio resampler: a polyphase windowed-sinc FIR (Blackman window) with
 * {@value #HALF_TAPS} taps each side of the interpolation point and zero group delay. For output
 * sample {@code n} the input time is {@code n * in / out}; its fractional part takes only
 * {@code L = out / gcd} values, so one coefficient set per phase is precomputed. The cutoff is the
 * lower of the two Nyquist frequencies (anti-aliasing when decimating). Each phase is normalized to
 * unity DC gain. Equal rates pass samples through unchanged.
 */
final class Resampler {
    static final int HALF_TAPS = 16;
    private static final double CUTOFF = 0.95;

    private final int up;      // L
    private final int down;    // M
    private final float[][] phases;
    private final boolean passThrough;
    /** Input history: samples from index {@code base} on; grows to what one call feeds plus the filter's reach. */
    private short[] history = new short[0];
    private long base;
    private int length;
    /** Next output sample index. */
    private long next;
    private long inputCount;

    Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        this.passThrough = up == down;
        this.phases = passThrough ? null : design(up, down);
    }

    private static float[][] design(int up, int down) {
        double fc = CUTOFF * Math.min(1.0, (double) up / down);
        float[][] table = new float[up][2 * HALF_TAPS];
        for (int p = 0; p < up; p++) {
            double frac = (double) p / up;
            double sum = 0;
            double[] c = new double[2 * HALF_TAPS];
            for (int k = 0; k < 2 * HALF_TAPS; k++) {
                // input index offset: i = floor(t) - HALF_TAPS + 1 + k, distance d = t - i
                double d = frac + HALF_TAPS - 1 - k;
                c[k] = fc * sinc(fc * d) * blackman(d / HALF_TAPS);
                sum += c[k];
            }
            for (int k = 0; k < c.length; k++) {
                table[p][k] = (float) (c[k] / sum);
            }
        }
        return table;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window over {@code x} in [-1, 1]. */
    private static double blackman(double x) {
        if (x <= -1 || x >= 1) {
            return 0;
        }
        return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Feeds input samples and hands every output sample that can be computed to {@code sink}. */
    void process(short[] in, int offset, int count, ShortFifo sink) {
        if (passThrough) {
            sink.put(in, offset, count);
            inputCount += count;
            return;
        }
        append(in, offset, count);
        produce(sink, inputCount);
    }

    /** @return input samples fed so far */
    long inputCount() {
        return inputCount;
    }

    /**
     * @param inputTotal input samples fed by then, counting those fed already
     * @param finishing whether {@link #finish} follows (the tail is computed with zeros)
     * @return output samples not produced yet that feeding up to {@code inputTotal} input samples yields
     */
    long outputsFor(long inputTotal, boolean finishing) {
        if (passThrough) {
            return Math.max(0, inputTotal - inputCount);
        }
        long end = finishing ? (inputTotal * up + down - 1) / down
                : -Math.floorDiv(-(inputTotal - HALF_TAPS) * up, down); // first n whose input reaches past inputTotal
        return Math.max(0, end - next);
    }

    /** @return input samples to feed beyond those fed so far for the next {@code outputs} output samples */
    long inputsFor(long outputs) {
        if (passThrough) {
            return outputs;
        }
        // output n needs input up to floor(n * down / up) + HALF_TAPS
        long last = next + outputs - 1;
        return Math.max(0, Math.floorDiv(last * down, up) + HALF_TAPS + 1 - inputCount);
    }

    /** Shrinks the input history to what the filter still needs, when it holds much more room. */
    void trim() {
        if (history.length > 8 * HALF_TAPS && length <= history.length / 4) {
            history = java.util.Arrays.copyOf(history, Math.max(length, 4 * HALF_TAPS));
        }
    }

    /** Feeds {@code count} zero samples. */
    void silence(long count, ShortFifo sink) {
        long left = count;
        short[] zeros = new short[(int) Math.min(left, 1024)];
        while (left > 0) {
            int n = (int) Math.min(left, zeros.length);
            process(zeros, 0, n, sink);
            left -= n;
        }
    }

    /** Emits the outputs that cover the input received so far (the tail is computed with zeros). */
    void finish(ShortFifo sink) {
        if (passThrough) {
            return;
        }
        long total = (inputCount * up + down - 1) / down;
        while (next < total) {
            sink.put(compute(next));
            next++;
        }
    }

    private void produce(ShortFifo sink, long available) {
        // output n needs input up to floor(n*down/up) + HALF_TAPS
        while (Math.floorDiv(next * down, up) + HALF_TAPS < available) {
            sink.put(compute(next));
            next++;
        }
        discard(Math.floorDiv(next * down, up) - HALF_TAPS + 1);
    }

    private short compute(long n) {
        long t = n * down;
        long i0 = Math.floorDiv(t, up);
        int phase = (int) (t - i0 * up);
        float[] c = phases[phase];
        long first = i0 - HALF_TAPS + 1;
        float acc = 0;
        if (first >= base && first + c.length <= base + length) {
            int at = (int) (first - base);
            short[] h = history;
            for (int k = 0; k < c.length; k++) {
                acc += c[k] * h[at + k];
            }
        } else {
            for (int k = 0; k < c.length; k++) {
                acc += c[k] * sample(first + k);
            }
        }
        long v = Math.round(acc);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    private int sample(long index) {
        if (index < base || index >= base + length) {
            return 0;
        }
        return history[(int) (index - base)];
    }

    private void append(short[] in, int offset, int count) {
        if (length + count > history.length) {
            short[] bigger = new short[Math.max(Math.max(history.length * 2, 4 * HALF_TAPS), length + count)];
            System.arraycopy(history, 0, bigger, 0, length);
            history = bigger;
        }
        System.arraycopy(in, offset, history, length, count);
        length += count;
        inputCount += count;
    }

    /** Drops history before {@code index}, which no future output needs. */
    private void discard(long index) {
        long drop = Math.min(index - base, length);
        if (drop <= 0) {
            return;
        }
        System.arraycopy(history, (int) drop, history, 0, length - (int) drop);
        length -= (int) drop;
        base += drop;
    }
}
