package dev.siprec.media.internal.codec;

/**
 * ITU-T G.722 decoder, mode 1 (64 kbit/s): sub-band ADPCM, 6 bits lower band and 2 bits higher band per
 * octet, then the 24-tap receive QMF, producing 16-bit PCM at 16 kHz (two samples per octet). The RTP
 * clock rate of G722 is 8000 although the audio is sampled at 16 kHz (RFC 3551 §4.5.2).
 */
public final class G722 implements AudioDecoder {
    /** Even-indexed QMF coefficients h(0), h(2), ... h(22) (G.722 Table 11); odd ones are these reversed. */
    static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    /** 6-bit lower band inverse quantizer output levels QM6 (G.722 Table 14), indexed by the code. */
    static final int[] QM6 = {-136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192,
        -10232, -9360, -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400,
        -2032, -1688, -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576,
        7856, 7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432,
        136, -432, -136};
    /** 4-bit inverse quantizer QM4 used for the lower band predictor (G.722 Table 13). */
    static final int[] QM4 = {0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240,
        2584, 1200, 0};
    /** 2-bit higher band inverse quantizer QM2 (G.722 Table 10). */
    static final int[] QM2 = {-7408, -1616, 7408, 1616};
    /** RIL → WL index (RL42) and IH → WH index (RH2). */
    static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    static final int[] RH2 = {2, 1, 2, 1};

    private final G722Band low = G722Band.lower();
    private final G722Band high = G722Band.higher();
    private final int[] qmf = new int[24];

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public int maxSamples(int payloadLength) {
        return 2 * payloadLength;
    }

    @Override
    public int decode(byte[] in, int offset, int length, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = 0; i < length; i++) {
            int code = in[offset + i] & 0xFF;
            int rlow = decodeLow(code & 0x3F);
            int rhigh = decodeHigh(code >> 6);
            o = synthesize(rlow, rhigh, out, o);
        }
        return o - outOffset;
    }

    private int decodeLow(int ilr) {
        // INVQBL (6-bit levels for the output), then INVQAL (4-bit) for adaptation
        int dq6 = (low.det * QM6[ilr]) >> 15;
        int rl = clip14(low.s + dq6);
        int ril = ilr >> 2;
        int dq4 = (low.det * QM4[ril]) >> 15;
        low.adaptScale(RL42[ril]);
        low.update(dq4);
        return rl;
    }

    private int decodeHigh(int ih) {
        int dq = (high.det * QM2[ih]) >> 15;
        int rh = clip14(high.s + dq);
        high.adaptScale(RH2[ih]);
        high.update(dq);
        return rh;
    }

    /** Receive QMF: two output samples from one lower/higher pair. */
    private int synthesize(int rlow, int rhigh, short[] out, int o) {
        System.arraycopy(qmf, 2, qmf, 0, 22);
        qmf[22] = rlow + rhigh;
        qmf[23] = rlow - rhigh;
        int even = 0;
        int odd = 0;
        for (int i = 0; i < 12; i++) {
            even += qmf[2 * i] * QMF[i];
            odd += qmf[2 * i + 1] * QMF[11 - i];
        }
        out[o] = (short) G722Band.saturate(odd >> 11);
        out[o + 1] = (short) G722Band.saturate(even >> 11);
        return o + 2;
    }

    static int clip14(int v) {
        return v > 16383 ? 16383 : (v < -16384 ? -16384 : v);
    }
}
