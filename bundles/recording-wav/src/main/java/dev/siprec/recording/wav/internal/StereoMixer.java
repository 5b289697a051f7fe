package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds {@code stereo.wav} from two streams: each resampled to the higher of the two rates, aligned
 * in time, interleaved left/right.
 * <p>
 * Alignment: each input's first sample is placed on the wall clock from the streams' timing
 * (RTCP sender reports, RFC 3550 §6.4.1, when both streams have one; else arrival times; else the
 * inputs are assumed to start together). Output waits until both inputs have RTCP timing or until
 * either input holds {@code window} samples, so memory stays bounded; then the alignment is fixed.
 * Afterwards a channel lagging by more than the window (a stream that stopped) is padded with
 * silence, and its samples that arrive later for that stretch are dropped.
 */
final class StereoMixer {
    /** How the channels were aligned. */
    enum Alignment { PENDING, RTCP, ARRIVAL, NONE }

    private static final int CHUNK = 4096;

    private final WavWriter out;
    private final Input[] inputs;
    private final int rate;
    private final long window;
    private final short[] frame = new short[2 * CHUNK];
    private Alignment alignment = Alignment.PENDING;
    private long leadSamples;

    /** One channel's input. */
    private static final class Input {
        final int rate;
        final long startPosition;
        final Resampler resampler;
        final ShortFifo staging = new ShortFifo();
        final ShortFifo fifo = new ShortFifo();
        long skip;
        Instant rtcpStart;
        Instant arrivalStart;

        Input(int rate, long startPosition, int outRate) {
            this.rate = rate;
            this.startPosition = startPosition;
            this.resampler = new Resampler(rate, outRate);
        }

        void settle() {
            long s = Math.min(skip, staging.available());
            staging.skip(s);
            skip -= s;
            fifo.drainFrom(staging);
        }
    }

    /**
     * @param out the stereo file, at the output rate
     * @param leftRate rate of the left stream, {@code leftStart} its sample position when mixing starts
     * @param windowMillis the alignment window
     */
    StereoMixer(WavWriter out, int leftRate, long leftStart, int rightRate, long rightStart, long windowMillis) {
        this.out = out;
        this.rate = out.sampleRate();
        this.inputs = new Input[] {new Input(leftRate, leftStart, rate), new Input(rightRate, rightStart, rate)};
        this.window = Math.max(1, windowMillis * rate / 1000);
    }

    /** @return the output rate: the higher input rate. */
    static int outputRate(int leftRate, int rightRate) {
        return Math.max(leftRate, rightRate);
    }

    Alignment alignment() {
        return alignment;
    }

    /** @return samples by which the right channel starts after the left (negative: before). */
    long leadSamples() {
        return leadSamples;
    }

    /** Ties {@code channel}'s stream position to the wall clock. */
    void timing(int channel, long samplePosition, Instant wallClock, boolean fromRtcp) {
        Input in = inputs[channel];
        long nanos = Math.round((samplePosition - in.startPosition) * 1e9 / in.rate);
        Instant start = wallClock.minusNanos(nanos);
        if (fromRtcp) {
            in.rtcpStart = start;
        } else if (in.arrivalStart == null) {
            in.arrivalStart = start;
        }
    }

    void accept(int channel, short[] pcm, int offset, int count) {
        Input in = inputs[channel];
        in.resampler.process(pcm, offset, count, in.staging);
        in.settle();
    }

    void silence(int channel, long count) {
        Input in = inputs[channel];
        in.resampler.silence(count, in.staging);
        in.settle();
    }

    /** Writes what can be mixed. */
    void pump() throws IOException {
        if (alignment == Alignment.PENDING) {
            boolean rtcp = inputs[0].rtcpStart != null && inputs[1].rtcpStart != null;
            if (!rtcp && Math.max(inputs[0].fifo.available(), inputs[1].fifo.available()) < window) {
                return;
            }
            commit();
        }
        long lag = inputs[0].fifo.available() - inputs[1].fifo.available();
        if (Math.abs(lag) > window) {
            Input behind = lag > 0 ? inputs[1] : inputs[0];
            behind.fifo.putZeros(Math.abs(lag));
            behind.skip += Math.abs(lag);
        }
        write(Math.min(inputs[0].fifo.available(), inputs[1].fifo.available()));
    }

    /** Flushes the resamplers, pads the shorter channel and writes everything. */
    void finish() throws IOException {
        for (Input in : inputs) {
            in.resampler.finish(in.staging);
            in.settle();
        }
        if (alignment == Alignment.PENDING) {
            commit();
        }
        long a = inputs[0].fifo.available();
        long b = inputs[1].fifo.available();
        inputs[a < b ? 0 : 1].fifo.putZeros(Math.abs(a - b));
        write(Math.max(a, b));
    }

    private void commit() {
        Instant left;
        Instant right;
        if (inputs[0].rtcpStart != null && inputs[1].rtcpStart != null) {
            alignment = Alignment.RTCP;
            left = inputs[0].rtcpStart;
            right = inputs[1].rtcpStart;
        } else if (inputs[0].arrivalStart != null && inputs[1].arrivalStart != null) {
            alignment = Alignment.ARRIVAL;
            left = inputs[0].arrivalStart;
            right = inputs[1].arrivalStart;
        } else {
            alignment = Alignment.NONE;
            return;
        }
        Duration d = Duration.between(left, right);
        leadSamples = Math.round(d.toNanos() / 1e9 * rate);
        inputs[leadSamples > 0 ? 1 : 0].fifo.prependZeros(Math.abs(leadSamples));
    }

    private void write(long frames) throws IOException {
        long left = frames;
        while (left > 0) {
            int n = (int) Math.min(left, CHUNK);
            for (int i = 0; i < n; i++) {
                frame[2 * i] = inputs[0].fifo.take();
                frame[2 * i + 1] = inputs[1].fifo.take();
            }
            out.write(frame, 0, 2 * n);
            left -= n;
        }
    }
}
