package dev.siprec.media.internal.codec;

/**
 * ITU-T G.711 expansion (μ-law for {@code PCMU}, A-law for {@code PCMA}, RFC 3551 §4.5.14) to 16-bit
 * linear PCM at 8 kHz, by table. The tables are computed once from the G.711 segment/step definition
 * and never change.
 */
public final class G711 implements AudioDecoder {
    private static final short[] ULAW = new short[256];
    private static final short[] ALAW = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW[code] = expandUlaw(code);
            ALAW[code] = expandAlaw(code);
        }
    }

    private final short[] table;

    private G711(short[] table) {
        this.table = table;
    }

    /** @return a μ-law ({@code PCMU}) decoder */
    public static G711 ulaw() {
        return new G711(ULAW);
    }

    /** @return an A-law ({@code PCMA}) decoder */
    public static G711 alaw() {
        return new G711(ALAW);
    }

    /** @return the 16-bit value of one μ-law code */
    public static short ulawToLinear(int code) {
        return ULAW[code & 0xFF];
    }

    /** @return the 16-bit value of one A-law code */
    public static short alawToLinear(int code) {
        return ALAW[code & 0xFF];
    }

    private static short expandUlaw(int code) {
        int u = ~code & 0xFF;
        int segment = (u >> 4) & 0x07;
        int step = u & 0x0F;
        // Bias 0x84 = 33 << 2: G.711 μ-law steps are 2q+33 scaled by 2^segment, minus 33.
        int magnitude = (((step << 3) + 0x84) << segment) - 0x84;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short expandAlaw(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int segment = (a >> 4) & 0x07;
        int step = a & 0x0F;
        int magnitude = segment == 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
        // A-law: sign bit set means positive.
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public int maxSamples(int payloadLength) {
        return payloadLength;
    }

    @Override
    public int decode(byte[] in, int offset, int length, short[] out, int outOffset) {
        short[] t = table;
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = t[in[offset + i] & 0xFF];
        }
        return length;
    }
}
