package dev.siprec.media.internal.rtp;

/**
 * Per-stream reorder buffer (RFC 3550 §A.1 extended sequence numbers, 16-bit wrap-aware). Packets in
 * order are played at once; a missing packet is waited for at most the configured delay after the
 * oldest buffered packet arrived, then declared lost. Packets behind the playout point are late or,
 * when already played, duplicates. A packet that arrives in order with nothing waiting is played at
 * once from the caller's array; the slots (and their byte arrays) exist only while packets wait,
 * reused while reordering goes on, and let go by {@link #trim} once the buffer has stayed empty for
 * {@link #IDLE_NANOS}: no allocation per packet, and no memory for a stream that arrives in order.
 */
public final class JitterBuffer {
    /** Outcome of {@link #offer}. */
    public enum Offer { ACCEPTED, DUPLICATE, LATE }

    /** Receives packets in sequence order. */
    public interface Player {
        /** One packet, in the buffer's own array or the caller's: read it before returning. */
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
    /** Empty this long, the slots are let go. */
    static final long IDLE_NANOS = 5_000_000_000L;

    /** Waiting packets; {@code null} while none waited for {@link #IDLE_NANOS}. */
    private static final class Slots {
        final byte[][] data = new byte[SLOTS][];
        final int[] lengths = new int[SLOTS];
        final long[] sequences = new long[SLOTS];
        final long[] arrivals = new long[SLOTS];

        Slots() {
            java.util.Arrays.fill(sequences, -1);
        }
    }

    private Slots slots;
    private long lastStored;
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
        if (ext == next && buffered == 0) {
            // in order, nothing waiting: played at once, from the caller's array
            played = (played << 1) | 1;
            next++;
            if (ext > highest) {
                highest = ext;
            }
            player.play(packet, length, ext, arrivalNanos);
            return Offer.ACCEPTED;
        }
        Slots sl = slots();
        int slot = (int) (ext & (SLOTS - 1));
        if (sl.sequences[slot] == ext) {
            return Offer.DUPLICATE;
        }
        byte[] d = sl.data[slot];
        if (d == null || d.length < length) {
            d = new byte[Math.max(length, 256)];
            sl.data[slot] = d;
        }
        System.arraycopy(packet, 0, d, 0, length);
        sl.lengths[slot] = length;
        sl.sequences[slot] = ext;
        sl.arrivals[slot] = arrivalNanos;
        lastStored = arrivalNanos;
        buffered++;
        if (ext > highest) {
            highest = ext;
        }
        return Offer.ACCEPTED;
    }

    /** Lets the slots go when nothing waited for {@link #IDLE_NANOS} up to {@code nowNanos}. */
    public void trim(long nowNanos) {
        if (slots != null && buffered == 0 && nowNanos - lastStored >= IDLE_NANOS) {
            slots = null;
        }
    }

    /** @return whether slots are held (packets wait, or waited in the last {@link #IDLE_NANOS}) */
    boolean holdsSlots() {
        return slots != null;
    }

    private Slots slots() {
        if (slots == null) {
            slots = new Slots();
        }
        return slots;
    }

    /** Plays what is in order, and skips missing packets whose wait is over at {@code nowNanos}. */
    public void drain(long nowNanos, Player player) {
        while (buffered > 0) {
            Slots sl = slots;
            int slot = (int) (next & (SLOTS - 1));
            if (sl.sequences[slot] == next) {
                step(player);
                continue;
            }
            long oldest = Long.MAX_VALUE;
            long first = Long.MAX_VALUE;
            for (int i = 0; i < SLOTS; i++) {
                if (sl.sequences[i] >= 0) {
                    oldest = Math.min(oldest, sl.arrivals[i]);
                    first = Math.min(first, sl.sequences[i]);
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
        if (slots != null) {
            java.util.Arrays.fill(slots.sequences, -1);
        }
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
        Slots sl = slots;
        if (sl != null && sl.sequences[slot] == next) {
            sl.sequences[slot] = -1;
            buffered--;
            played = (played << 1) | 1;
            long seq = next;
            next++;
            player.play(sl.data[slot], sl.lengths[slot], seq, sl.arrivals[slot]);
        } else {
            played <<= 1;
            next++;
            player.lost(1);
        }
    }
}
