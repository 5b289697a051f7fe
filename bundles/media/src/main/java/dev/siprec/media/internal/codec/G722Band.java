package dev.siprec.media.internal.codec;

/**
 * State of one G.722 sub-band ADPCM (ITU-T G.722 §3.6, §4): the adaptive predictor with two pole and
 * six zero sections ("block 4": RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC)
 * and the logarithmic scale factor adaptation (LOGSCL/SCALEL, LOGSCH/SCALEH). Shared by decoder and
 * encoder so both track the same state. Arithmetic follows the recommendation's 16-bit fixed point.
 */
final class G722Band {
    /** ILB: 2048 * 2^(i/32), the scale factor antilog table (G.722 Table 17). */
    static final int[] ILB = {2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714,
        2774, 2834, 2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    /** Predictor signal estimate s (SL or SH). */
    int s;
    /** Pole and zero section outputs. */
    private int sp;
    private int sz;
    /** Log scale factor NBL/NBH and scale factor DETL/DETH. */
    private int nb;
    int det;
    /** Pole coefficients a1, a2 (index 1, 2) and zero coefficients b1..b6. */
    private final int[] a = new int[3];
    private final int[] b = new int[7];
    /** Delayed quantized differences d(n-i), partial reconstructions p(n-i), reconstructed r(n-i). */
    private final int[] d = new int[7];
    private final int[] p = new int[3];
    private final int[] r = new int[3];
    private final int[] ap = new int[3];
    private final int[] bp = new int[7];
    private final int[] sg = new int[7];

    private final int[] wTable;
    private final int nbMax;
    private final int shiftBase;

    private G722Band(int det, int[] wTable, int nbMax, int shiftBase) {
        this.det = det;
        this.wTable = wTable;
        this.nbMax = nbMax;
        this.shiftBase = shiftBase;
    }

    /** Lower band: WL table, NBL limited to 18432, DETL starts at 32. */
    static G722Band lower() {
        return new G722Band(32, new int[] {-60, -30, 58, 172, 334, 538, 1198, 3042}, 18432, 8);
    }

    /** Higher band: WH table, NBH limited to 22528, DETH starts at 8. */
    static G722Band higher() {
        return new G722Band(8, new int[] {0, -214, 798}, 22528, 10);
    }

    static int saturate(int v) {
        return v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
    }

    /** LOGSCL/LOGSCH then SCALEL/SCALEH: adapts the scale factor from the multiplier index {@code wIndex}. */
    void adaptScale(int wIndex) {
        int n = ((nb * 127) >> 7) + wTable[wIndex];
        nb = n < 0 ? 0 : Math.min(n, nbMax);
        int mantissa = (nb >> 6) & 31;
        int shift = shiftBase - (nb >> 11);
        int v = shift < 0 ? ILB[mantissa] << -shift : ILB[mantissa] >> shift;
        det = v << 2;
    }

    /** Block 4 for one quantized difference {@code dq}: reconstruct, adapt the predictor, predict the next s. */
    void update(int dq) {
        // RECONS, PARREC
        d[0] = dq;
        r[0] = saturate(s + dq);
        p[0] = saturate(sz + dq);
        // UPPOL2
        for (int i = 0; i < 3; i++) {
            sg[i] = p[i] >> 15;
        }
        int wd1 = saturate(a[1] << 2);
        int wd2 = sg[0] == sg[1] ? -wd1 : wd1;
        wd2 = Math.min(wd2, 32767);
        int wd3 = (wd2 >> 7) + (sg[0] == sg[2] ? 128 : -128) + ((a[2] * 32512) >> 15);
        ap[2] = Math.max(-12288, Math.min(12288, wd3));
        // UPPOL1
        int a1 = saturate((sg[0] == sg[1] ? 192 : -192) + ((a[1] * 32640) >> 15));
        int limit = saturate(15360 - ap[2]);
        ap[1] = Math.max(-limit, Math.min(limit, a1));
        // UPZERO
        int step = dq == 0 ? 0 : 128;
        sg[0] = dq >> 15;
        for (int i = 1; i < 7; i++) {
            sg[i] = d[i] >> 15;
            int inc = sg[i] == sg[0] ? step : -step;
            bp[i] = saturate(inc + ((b[i] * 32640) >> 15));
        }
        // DELAYA
        for (int i = 6; i > 0; i--) {
            d[i] = d[i - 1];
            b[i] = bp[i];
        }
        for (int i = 2; i > 0; i--) {
            r[i] = r[i - 1];
            p[i] = p[i - 1];
            a[i] = ap[i];
        }
        // FILTEP
        int pole1 = (a[1] * saturate(r[1] + r[1])) >> 15;
        int pole2 = (a[2] * saturate(r[2] + r[2])) >> 15;
        sp = saturate(pole1 + pole2);
        // FILTEZ
        int zero = 0;
        for (int i = 6; i > 0; i--) {
            zero += (b[i] * saturate(d[i] + d[i])) >> 15;
        }
        sz = saturate(zero);
        // PREDIC
        s = saturate(sp + sz);
    }
}
