package dev.siprec.media.internal.rtp;

/** Builds RTP packets for tests. */
public final class Rtp {
    private Rtp() {
    }

    public static byte[] packet(int pt, int seq, long ts, long ssrc, boolean marker, byte[] payload) {
        byte[] b = new byte[12 + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | pt);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        put32(b, 4, ts);
        put32(b, 8, ssrc);
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    public static void put32(byte[] b, int o, long v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    /** μ-law encoding of a linear sample (G.711 compression, used to make test payloads). */
    public static byte ulaw(int sample) {
        int s = Math.max(-32635, Math.min(32635, sample));
        int sign = s < 0 ? 0x80 : 0;
        int mag = (s < 0 ? -s : s) + 0x84;
        int exp = 7;
        for (int mask = 0x4000; (mag & mask) == 0 && exp > 0; mask >>= 1) {
            exp--;
        }
        int mant = (mag >> (exp + 3)) & 0x0F;
        return (byte) ~(sign | (exp << 4) | mant);
    }

    /** {@code count} μ-law samples of a sine at {@code freq} Hz (8 kHz), starting at sample {@code start}. */
    public static byte[] ulawTone(double freq, int start, int count, int amplitude) {
        byte[] p = new byte[count];
        for (int i = 0; i < count; i++) {
            p[i] = ulaw((int) Math.round(amplitude * Math.sin(2 * Math.PI * freq * (start + i) / 8000.0)));
        }
        return p;
    }

    /** Relative power of {@code freq} in {@code x} (Goertzel), normalised so a full-scale pure tone gives about 1. */
    public static double goertzel(short[] x, int from, int to, double freq, int rate) {
        double w = 2 * Math.PI * freq / rate;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = x[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - c * s1 * s2;
        int n = to - from;
        return power / ((double) n * n / 4);
    }

    /** Mean power of {@code x[from..to)}. */
    public static double power(short[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum / (to - from);
    }
}
