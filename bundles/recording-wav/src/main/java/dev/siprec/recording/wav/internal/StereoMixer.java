package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds {@code stereo.wav} from two streams: each resampled to the higher of the two rates, aligned
 * in time, interleaved left/right.
 * <p>
 * Alignment: each input's first sample is placed on the wall clock from the streams' timing
 * (RTCP sender reports, RFC 3550 §6.4.1, when both streams have one; else arrival times; else the
 * inputs are assumed to start together). Output waits until both inputs have RTCP timing or until
 * either input holds {@code window} samples; then the alignment is fixed. Afterwards a channel
 * lagging by more than the window (a stream that stopped) is padded with silence, and its samples
 * that arrive later for that stretch are dropped.
 * <p>
 * Memory: an input {@linkplain #source read from its stream file} keeps no samples in memory while
 * they wait (the alignment window included): each {@link #pump} reads back what it mixes, a chunk at
 * a time, through arrays that live only as long as that call. Samples handed over by
 * {@link #accept} (an input without a file) wait in memory.
 */
final class StereoMixer {
    /** How the channels were aligned. */
    enum Alignment { PENDING, RTCP, ARRIVAL, NONE }

    /** Frames mixed per write. */
    private static final int CHUNK = 2048;
    /** Input samples read from a stream file at a time, at most. */
    private static final int READ = 2048;

    private final WavWriter out;
    private final Input[] inputs;
    private final int rate;
    private final long window;
    private Alignment alignment = Alignment.PENDING;
    private long leadSamples;
    private boolean finishing;

    /** One channel's input. */
    private static final class Input {
        final int rate;
        final long startPosition;
        final Resampler resampler;
        /** Output samples made and not mixed yet, after virtual leading zeros. */
        final ShortFifo fifo = new ShortFifo();
        /** Resampler output of {@link #accept}, before {@link #skip} applies. */
        ShortFifo staging;
        /** The stream's file, or {@code null}: samples come through {@link #accept}. */
        WavWriter source;
        /** Samples of the stream file from {@code startPosition} on read so far. */
        long read;
        /** Output samples still to drop: a stretch already padded with silence. */
        long skip;
        Instant rtcpStart;
        Instant arrivalStart;

        Input(int rate, long startPosition, int outRate) {
            this.rate = rate;
            this.startPosition = startPosition;
            this.resampler = new Resampler(rate, outRate);
        }

        /** @return stream file samples not read yet */
        long unread() {
            return source == null ? 0 : source.frames() - startPosition - read;
        }

        /** @return output samples this input can deliver now */
        long available(boolean finishing) {
            long made = resampler.outputsFor(resampler.inputCount() + unread(), finishing);
            return fifo.available() + Math.max(0, made - skip);
        }

        /** Drops what is to be skipped from newly made output (the fifo holds no older samples then). */
        void settle(ShortFifo made) {
            long s = Math.min(skip, made.available());
            made.skip(s);
            skip -= s;
            if (made != fifo) {
                fifo.drainFrom(made);
            }
        }
    }

    /** Arrays for one pump, sized to what it mixes and dropped when it returns. */
    private static final class Scratch {
        final short[] frame;
        /** One channel's samples, before they are interleaved into {@link #frame}. */
        final short[] channel;
        final short[] in;
        final ByteBuffer bytes;

        Scratch(long frames) {
            int n = (int) Math.max(16, Math.min(frames, CHUNK));
            frame = new short[2 * n];
            channel = new short[n];
            in = new short[Math.min(READ, n + 2 * Resampler.HALF_TAPS)];
            bytes = ByteBuffer.allocate(2 * in.length);
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

    /**
     * Reads {@code channel} from its stream file (mono, at the channel's rate, whose sample
     * {@code startPosition} is the channel's first) instead of taking samples through {@link #accept}.
     * Before the file is finished, the samples the mix has not read yet are taken into memory.
     */
    void source(int channel, WavWriter file) {
        Input in = inputs[channel];
        in.source = file;
        file.beforeFinish(() -> keepTail(in));
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

    /** Samples of an input without a stream file. */
    void accept(int channel, short[] pcm, int offset, int count) {
        Input in = inputs[channel];
        in.resampler.process(pcm, offset, count, staging(in));
        in.settle(in.staging);
    }

    /** Silence on an input without a stream file. */
    void silence(int channel, long count) {
        Input in = inputs[channel];
        in.resampler.silence(count, staging(in));
        in.settle(in.staging);
    }

    private static ShortFifo staging(Input in) {
        if (in.staging == null) {
            in.staging = new ShortFifo();
        }
        return in.staging;
    }

    /** Writes what can be mixed. */
    void pump() throws IOException {
        if (alignment == Alignment.PENDING) {
            boolean rtcp = inputs[0].rtcpStart != null && inputs[1].rtcpStart != null;
            if (!rtcp && Math.max(inputs[0].available(false), inputs[1].available(false)) < window) {
                return;
            }
            commit();
        }
        long a = inputs[0].available(false);
        long b = inputs[1].available(false);
        Scratch s = a > 0 || b > 0 ? new Scratch(Math.max(a, b)) : null;
        write(Math.min(a, b), s);
        if (Math.abs(a - b) > window) {
            // the channel behind (a stream that stopped) has nothing left: silence for its lag
            Input behind = a > b ? inputs[1] : inputs[0];
            behind.fifo.putZeros(Math.abs(a - b));
            behind.skip += Math.abs(a - b);
            write(Math.abs(a - b), s);
        }
        trim();
    }

    /** Flushes the resamplers, pads the shorter channel and writes everything. */
    void finish() throws IOException {
        finishing = true;
        if (alignment == Alignment.PENDING) {
            commit();
        }
        long a = inputs[0].available(true);
        long b = inputs[1].available(true);
        Scratch s = a > 0 || b > 0 ? new Scratch(Math.max(a, b)) : null;
        write(Math.min(a, b), s);
        inputs[a < b ? 0 : 1].fifo.putZeros(Math.abs(a - b));
        write(Math.abs(a - b), s);
        trim();
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

    private void write(long frames, Scratch s) throws IOException {
        long left = frames;
        while (left > 0) {
            int n = (int) Math.min(left, s.frame.length / 2);
            take(inputs[0], s, 0, n);
            take(inputs[1], s, 1, n);
            out.write(s.frame, 0, 2 * n);
            left -= n;
        }
    }

    /** Puts the next {@code n} samples of {@code in} into channel {@code ch} of the scratch frame. */
    private void take(Input in, Scratch s, int ch, int n) throws IOException {
        int i = 0;
        while (i < n) {
            if (in.fifo.available() == 0 && !make(in, s, n - i)) {
                throw new IllegalStateException("stereo mix: input ran out of samples it reported available");
            }
            int k = (int) Math.min(n - i, in.fifo.available());
            in.fifo.take(s.channel, 0, k);
            short[] frame = s.frame;
            short[] c = s.channel;
            for (int j = 0, at = 2 * i + ch; j < k; j++, at += 2) {
                frame[at] = c[j];
            }
            i += k;
        }
    }

    /**
     * Reads the next chunk of {@code in}'s stream file through the resampler into its (empty) fifo,
     * no more than {@code wanted} output samples need (plus those to skip), dropping what is to be
     * skipped; at the end of a finishing input, the resampler's tail.
     *
     * @return whether samples were made
     */
    private boolean make(Input in, Scratch s, int wanted) throws IOException {
        while (in.fifo.available() == 0) {
            long need = Math.max(1, in.resampler.inputsFor(wanted + in.skip));
            int n = (int) Math.min(Math.min(s.in.length, need), in.unread());
            if (n > 0) {
                in.source.read(in.startPosition + in.read, s.in, 0, n, s.bytes);
                in.read += n;
                in.resampler.process(s.in, 0, n, in.fifo);
            } else if (finishing && in.resampler.outputsFor(in.resampler.inputCount(), true) > 0) {
                in.resampler.finish(in.fifo);
            } else {
                return false;
            }
            in.settle(in.fifo);
        }
        return true;
    }

    /** Before {@code in}'s stream file closes: what the mix has not read of it moves into memory. */
    private void keepTail(Input in) {
        if (in.source == null || in.unread() == 0) {
            in.source = null;
            return;
        }
        Scratch s = new Scratch(READ);
        ShortFifo tail = staging(in);
        try {
            long left = in.unread();
            while (left > 0) {
                int n = (int) Math.min(s.in.length, left);
                in.source.read(in.startPosition + in.read, s.in, 0, n, s.bytes);
                in.read += n;
                in.resampler.process(s.in, 0, n, tail);
                in.settle(tail);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stereo mix: reading " + in.source.file() + " back failed", e);
        } finally {
            in.source = null;
        }
    }

    /** Lets the arrays of the inputs go, or shrinks them, once a pump has taken what it could. */
    private void trim() {
        for (Input in : inputs) {
            in.fifo.trim();
            in.resampler.trim();
            if (in.staging != null) {
                in.staging.trim();
            }
        }
    }
}
