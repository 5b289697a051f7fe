package dev.siprec.benchmarks.load;

/**
 * G.711 payloads of a sine tone (ITU-T G.711, µ-law or A-law): with an integral frequency in Hz the
 * tone repeats every second, so 50 payloads of 20 ms (160 samples at 8 kHz) cover every packet.
 */
public final class Tone {
    /** Samples per 20 ms packet at 8 kHz. */
    public static final int SAMPLES = 160;
    private static final int PACKETS = 8000 / SAMPLES;

    private final byte[][] payloads = new byte[PACKETS][SAMPLES];
    private final int payloadType;

    /**
     * @param codec {@code PCMU} (payload type 0) or {@code PCMA} (payload type 8)
     * @param hz    tone frequency, 1..3999
     */
    public Tone(String codec, int hz) {
        boolean ulaw = switch (codec) {
            case "PCMU" -> true;
            case "PCMA" -> false;
            default -> throw new IllegalArgumentException("codec must be PCMU or PCMA: " + codec);
        };
        if (hz < 1 || hz >= 4000) {
            throw new IllegalArgumentException("tone frequency out of 1..3999 Hz: " + hz);
        }
        payloadType = ulaw ? 0 : 8;
        for (int n = 0; n < 8000; n++) {
            short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * n / 8000.0));
            payloads[n / SAMPLES][n % SAMPLES] = ulaw ? ulaw(s) : alaw(s);
        }
    }

    /** The RTP payload type of the codec (RFC 3551). */
    public int payloadType() {
        return payloadType;
    }

    /** The payload of packet {@code n} counted from the tone's start. */
    public byte[] payload(long n) {
        return payloads[(int) (n % PACKETS)];
    }

    /**
     * µ-law on the 14-bit magnitude (as ITU-T G.711 and its reference code): clip at 8159, bias 33,
     * segment from the highest set bit, 4 mantissa bits, all bits inverted (sign set for positive).
     */
    static byte ulaw(short sample) {
        int s = sample >> 2;
        int mask = 0xFF;
        if (s < 0) {
            s = -s;
            mask = 0x7F;
        }
        s = Math.min(s, 8159) + 33;
        int segment = Math.max(0, 31 - Integer.numberOfLeadingZeros(s) - 5);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        return (byte) ((segment << 4 | (s >> (segment + 1)) & 0x0F) ^ mask);
    }

    /** A-law: 13-bit magnitude, segment from the highest set bit, 4 mantissa bits, even bits toggled (0x55). */
    static byte alaw(short sample) {
        int s = sample >> 3;
        int mask;
        if (s >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            s = -s - 1;
        }
        int segment = s < 0x20 ? 0 : 31 - Integer.numberOfLeadingZeros(s) - 4;
        int value = segment << 4 | (segment < 2 ? s >> 1 : s >> segment) & 0x0F;
        return (byte) (value ^ mask);
    }
}
