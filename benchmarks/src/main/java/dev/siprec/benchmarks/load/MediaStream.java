package dev.siprec.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One sending stream: its non-blocking UDP socket, its SRTP sender, and a ring of packets protected
 * ahead of time. The {@link Prefiller} thread is the ring's only producer, a {@link Pacer} thread its
 * only consumer (single-producer single-consumer; the volatile counters order the slot contents).
 */
final class MediaStream {
    static final int RING = 16;
    private static final int PACKET_BYTES = 12 + Tone.SAMPLES + SrtpProtector.TAG_BYTES;

    final DatagramChannel channel;
    final String label;
    private final SrtpProtector protector;
    private final Tone tone;
    private final int ssrc;
    private final int firstSeq;
    private final int firstTimestamp;
    private final byte[][] slots = new byte[RING][PACKET_BYTES];
    private final ByteBuffer[] views = new ByteBuffer[RING];
    private final int[] lengths = new int[RING];

    /** Packets to send in all. */
    final int total;
    /** {@code System.nanoTime()} at which packet 0 is due; packet n is due 20 ms × n later. */
    final long firstDue;
    /** Packets protected into the ring (written by the prefiller only). */
    private volatile int produced;
    /** Packets taken from the ring and sent (written by the pacer only). */
    private volatile int consumed;
    /** Set when the call ends early (the server's BYE, an error): the pacer drops the stream. */
    volatile boolean stopped;
    /** Packets the socket refused (buffer full) or failed to send; written by the pacer only. */
    volatile long sendErrors;

    MediaStream(DatagramChannel channel, String label, byte[] masterKey, Tone tone, int ssrc, int firstSeq,
                int firstTimestamp, int total, long firstDue) {
        this.channel = channel;
        this.label = label;
        this.protector = new SrtpProtector(masterKey);
        this.tone = tone;
        this.ssrc = ssrc;
        this.firstSeq = firstSeq & 0xFFFF;
        this.firstTimestamp = firstTimestamp;
        this.total = total;
        this.firstDue = firstDue;
        for (int i = 0; i < RING; i++) {
            views[i] = ByteBuffer.wrap(slots[i]);
        }
    }

    /** Prefiller: protects packets until the ring is full or every packet is made; returns how many. */
    int fill() {
        int made = 0;
        int p = produced;
        while (p < total && p - consumed < RING && !stopped) {
            byte[] b = slots[p % RING];
            long index = firstSeq + (long) p; // ROC * 2^16 + SEQ, ROC starting at 0 (RFC 3711 §3.3.1)
            int seq = (int) (index & 0xFFFF);
            int ts = firstTimestamp + p * Tone.SAMPLES;
            b[0] = (byte) 0x80;
            b[1] = (byte) ((p == 0 ? 0x80 : 0) | tone.payloadType());
            b[2] = (byte) (seq >>> 8);
            b[3] = (byte) seq;
            b[4] = (byte) (ts >>> 24);
            b[5] = (byte) (ts >>> 16);
            b[6] = (byte) (ts >>> 8);
            b[7] = (byte) ts;
            b[8] = (byte) (ssrc >>> 24);
            b[9] = (byte) (ssrc >>> 16);
            b[10] = (byte) (ssrc >>> 8);
            b[11] = (byte) ssrc;
            System.arraycopy(tone.payload(p), 0, b, 12, Tone.SAMPLES);
            lengths[p % RING] = protector.protect(b, 12 + Tone.SAMPLES, index);
            p++;
            produced = p;
            made++;
        }
        return made;
    }

    /** For checks outside the pacer: protects and hands over {@code n} packets in order, as the pacer would send them. */
    void dump(int n, java.util.function.Consumer<byte[]> out) {
        for (int i = 0; i < n && !done(); i++) {
            fill();
            int c = consumed;
            out.accept(java.util.Arrays.copyOf(slots[c % RING], lengths[c % RING]));
            consumed = c + 1;
        }
    }

    boolean filled() {
        return produced >= total || stopped;
    }

    /** Pacer: the packet number due next. */
    int next() {
        return consumed;
    }

    boolean done() {
        return consumed >= total || stopped;
    }

    /**
     * Pacer: sends the next packet if the prefiller has made it.
     *
     * @return 1 sent, 0 not protected yet (an underrun), -1 the socket refused or failed it
     */
    int sendNext() {
        int c = consumed;
        if (c >= produced) {
            return 0;
        }
        ByteBuffer view = views[c % RING];
        view.clear().limit(lengths[c % RING]);
        try {
            if (channel.write(view) == 0) {
                sendErrors++;
                return -1;
            }
        } catch (IOException e) {
            sendErrors++;
            stopped = true;
            return -1;
        }
        consumed = c + 1;
        return 1;
    }

    /** Packets sent so far. */
    int sent() {
        return consumed;
    }

    /** Prefiller, once it drops the stream: wipes the SRTP sender's keys. */
    void retireProtector() {
        protector.close();
    }

    void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a UDP socket: nothing to recover
        }
    }
}
