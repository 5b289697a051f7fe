package dev.siprec.media.internal.codec;

/**
 * Test-only G.722 mode 1 encoder written from ITU-T G.722 §3 (transmit QMF, QUANTL 6-bit quantizer
 * with its decision levels Q6, QUANTH 2-bit quantizer), sharing {@link G722Band} with the decoder.
 */
final class G722Encoder {
    /** Q6 decision levels (G.722 Table 12), scaled by DETL / 4096 in the comparison. */
    private static final int[] Q6 = {0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786,
        858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0};
    /** Codes for negative (ILN) and positive (ILP) differences by quantizer interval. */
    private static final int[] ILN = {0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14,
        13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0};
    private static final int[] ILP = {0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42,
        41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0};

    private final G722Band low = G722Band.lower();
    private final G722Band high = G722Band.higher();
    private final int[] x = new int[24];

    byte[] encode(short[] pcm) {
        byte[] out = new byte[pcm.length / 2];
        for (int j = 0; j < out.length; j++) {
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = pcm[2 * j];
            x[23] = pcm[2 * j + 1];
            int even = 0;
            int odd = 0;
            for (int i = 0; i < 12; i++) {
                odd += x[2 * i] * G722.QMF[i];
                even += x[2 * i + 1] * G722.QMF[11 - i];
            }
            int xl = (even + odd) >> 14;
            int xh = (even - odd) >> 14;
            out[j] = (byte) ((encodeHigh(xh) << 6) | encodeLow(xl));
        }
        return out;
    }

    private int encodeLow(int xl) {
        int el = G722Band.saturate(xl - low.s);
        int wd = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && wd >= (Q6[i] * low.det) >> 12) {
            i++;
        }
        int il = el < 0 ? ILN[i] : ILP[i];
        int ril = il >> 2;
        int dq = (low.det * G722.QM4[ril]) >> 15;
        low.adaptScale(G722.RL42[ril]);
        low.update(dq);
        return il;
    }

    private int encodeHigh(int xh) {
        int eh = G722Band.saturate(xh - high.s);
        int wd = eh >= 0 ? eh : -(eh + 1);
        int mih = wd >= ((564 * high.det) >> 12) ? 2 : 1;
        int ih = eh < 0 ? (mih == 2 ? 0 : 1) : (mih == 2 ? 2 : 3);
        int dq = (high.det * G722.QM2[ih]) >> 15;
        high.adaptScale(G722.RH2[ih]);
        high.update(dq);
        return ih;
    }
}
