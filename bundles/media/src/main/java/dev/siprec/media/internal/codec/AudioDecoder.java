package dev.siprec.media.internal.codec;

/**
 * Decodes the payload of one RTP packet to 16-bit linear PCM, mono. One instance per stream and
 * payload type: decoders keep state between packets. Not thread-safe.
 */
public interface AudioDecoder {

    /** @return the PCM rate this decoder produces, in Hz */
    int sampleRate();

    /** @return the most samples {@link #decode} can produce from {@code payloadLength} bytes */
    int maxSamples(int payloadLength);

    /**
     * Decodes one payload.
     *
     * @return the number of samples written to {@code out} from {@code outOffset}, or -1 when the payload is corrupt
     */
    int decode(byte[] in, int offset, int length, short[] out, int outOffset);

    /**
     * Produces concealment audio for one lost packet (packet loss concealment), if the codec has it.
     *
     * @return samples written, 0 when the codec has no concealment (the gap is then filled with silence)
     */
    default int conceal(short[] out, int outOffset, int maxSamples) {
        return 0;
    }
}
