package dev.siprec.recording.wav.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test signals: tones, Goertzel power, and reading PCM back from WAV/RF64 files. */
final class Signals {
    private Signals() {
    }

    static short[] tone(double freq, int rate, int samples, double amplitude, long startSample) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freq * (startSample + i) / rate));
        }
        return s;
    }

    /** Goertzel power of {@code freq} over {@code x[from, from+n)}. */
    static double goertzel(short[] x, int from, int n, double freq, int rate) {
        double coeff = 2 * Math.cos(2 * Math.PI * freq / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + n; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    /** @return which of {@code candidates} is strongest in {@code x[from, from+n)}. */
    static double dominant(short[] x, int from, int n, int rate, double... candidates) {
        double best = -1;
        double bestPower = -1;
        for (double f : candidates) {
            double p = goertzel(x, from, n, f, rate);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    static double rms(short[] x, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, n));
    }

    /** Reads all samples of one channel (0 or 1) from a file this sink wrote, using the header's data size. */
    static short[] channel(Path file, int channel) throws IOException {
        WavHeader.Info info = WavHeader.read(file);
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all, (int) info.dataOffset(), (int) info.dataSize()).order(ByteOrder.LITTLE_ENDIAN);
        int frames = (int) info.frames();
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < info.channels(); c++) {
                short v = b.getShort();
                if (c == channel) {
                    out[i] = v;
                }
            }
        }
        return out;
    }
}
