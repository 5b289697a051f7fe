package dev.siprec.media.internal.rtp;

/**
 * Per-stream reorder buffer (RFC 3550 §A.1 extended sequence numbers, 16-bit wrap-aware). Packets in
 * order are played at once; a missing packet is waited for at most the configured delay after the
 * oldest buffered packet arrived, then declared lost. Packets behind the playout point are late or,
 * when already played, duplicates. Slots and their byte arrays are reused: no allocation per packet
 * once the slots have grown to the stream's packet size.
 */
public final class JitterBuffer {
    /** Outcome of {@link #offer}. */
    public enum Offer { ACCEPTED, DUPLICATE, LATE }

    /** Receives packets in sequence order. */
    public interface Player {
        /** One packet, in the buffer's own array: read it before returning. */
        void play(byte[] packet, int length, long extendedSequence, long arrivalNanos);

        /** {@code count} packets were declared lost before the next one played. */
        void lost(long count);
    }

    /** Slots; a power of two. At 20 ms packets, 64 slots hold 1.28 s. */
    static final int SLOTS = 64;
    /** A jump of more sequence numbers than this (about 20 s at 50 packets/s) is a restart, not a loss. */
    static final int RESYNC = 1000;
    /** Further behind than this, a packet may be a sender restart: two in sequence resynchronise (RFC 3550 §A.1). */
    static final int MISORDER = 100;

    private final byte[][] data = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private final long[] sequences = new long[SLOTS];
    private final long[] arrivals = new long[SLOTS];
    private final long delayNanos;
    private long next = -1;
    private long highest = -1;
    private int buffered;
    /** Bit i set: sequence {@code next - 1 - i} was played. */
    private long played;
    private long probe = -1;

    /** @param delayNanos the longest time a packet waits for a missing predecessor */
    public JitterBuffer(long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        this.delayNanos = delayNanos;
        java.util.Arrays.fill(sequences, -1);
    }

    /** Stores a packet (copied) and returns what became of it; call {@link #drain} afterwards. */
    public Offer offer(byte[] packet, int length, int sequence, long arrivalNanos, Player player) {
        long ext;
        if (highest < 0) {
            ext = (1L << 16) + sequence;
            next = ext;
            highest = ext;
        } else {
            ext = highest + (short) (sequence - (int) (highest & 0xFFFF));
        }
        if (Math.abs(ext - next) > RESYNC) {
            flush(player);
            next = ext;
            highest = ext;
            played = 0;
        }
        if (ext < next) {
            long behind = next - 1 - ext;
            if (behind < MISORDER) {
                return behind < 64 && (played & (1L << behind)) != 0 ? Offer.DUPLICATE : Offer.LATE;
            }
            if (ext != probe) {
                probe = ext + 1;
                return Offer.LATE;
            }
            flush(player);
            next = ext;
            highest = ext;
            played = 0;
        }
        probe = -1;
        while (ext >= next + SLOTS) {
            step(player);
        }
        int slot = (int) (ext & (SLOTS - 1));
        if (sequences[slot] == ext) {
            return Offer.DUPLICATE;
        }
        byte[] d = data[slot];
        if (d == null || d.length < length) {
            d = new byte[Math.max(length, 256)];
            data[slot] = d;
        }
        System.arraycopy(packet, 0, d, 0, length);
        lengths[slot] = length;
        sequences[slot] = ext;
        arrivals[slot] = arrivalNanos;
        buffered++;
        if (ext > highest) {
            highest = ext;
        }
        return Offer.ACCEPTED;
    }

    /** Plays what is in order, and skips missing packets whose wait is over at {@code nowNanos}. */
    public void drain(long nowNanos, Player player) {
        while (buffered > 0) {
            int slot = (int) (next & (SLOTS - 1));
            if (sequences[slot] == next) {
                step(player);
                continue;
            }
            long oldest = Long.MAX_VALUE;
            long first = Long.MAX_VALUE;
            for (int i = 0; i < SLOTS; i++) {
                if (sequences[i] >= 0) {
                    oldest = Math.min(oldest, arrivals[i]);
                    first = Math.min(first, sequences[i]);
                }
            }
            if (nowNanos - oldest < delayNanos) {
                return;
            }
            skipTo(first, player);
        }
    }

    /** Plays everything buffered, declaring the holes lost (end of stream, SSRC change, hold). */
    public void flush(Player player) {
        drain(Long.MAX_VALUE, player);
    }

    /** Forgets the sequence state: the next packet starts afresh (after hold, for a new SSRC). */
    public void reset() {
        java.util.Arrays.fill(sequences, -1);
        buffered = 0;
        next = -1;
        highest = -1;
        played = 0;
    }

    /** @return packets waiting */
    public int buffered() {
        return buffered;
    }

    private void skipTo(long target, Player player) {
        long gap = target - next;
        player.lost(gap);
        played = gap >= 64 ? 0 : played << gap;
        next = target;
    }

    /** Plays slot {@code next} if present (else counts it lost) and advances by one. */
    private void step(Player player) {
        int slot = (int) (next & (SLOTS - 1));
        if (sequences[slot] == next) {
            sequences[slot] = -1;
            buffered--;
            played = (played << 1) | 1;
            long seq = next;
            next++;
            player.play(data[slot], lengths[slot], seq, arrivals[slot]);
        } else {
            played <<= 1;
            next++;
            player.lost(1);
        }
    }
}
