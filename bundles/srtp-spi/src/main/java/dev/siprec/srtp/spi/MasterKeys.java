package dev.siprec.srtp.spi;

import java.util.Arrays;

/**
 * A transform's master key: the KDF of RFC 3711 §4.3 and, with a key derivation rate of 0, its
 * early release. Both directions then need exactly one derivation each, so the first direction to
 * see a packet also derives the other's material (kept as bytes until its first packet, or wiped at
 * close) and the KDF is released: its AES cipher, re-keyed, becomes the first direction's session
 * cipher ({@link #takeCipher()}), and no master key stays in memory. With KDR ≠ 0 the KDF is kept.
 */
final class MasterKeys implements AutoCloseable {
    /** Session key material of the direction whose first label is {@code label}, laid out by its suite. */
    interface Layout {
        byte[] derive(SrtpKdf kdf, int label, long r);
    }

    private final boolean once;
    private final Layout layout;
    private SrtpKdf kdf;
    private byte[] pending;
    private AesCtr released;

    /** @param kdrShift {@link SrtpKdf#kdrShift(long)} of the key derivation rate (negative for 0) */
    MasterKeys(SrtpKdf kdf, int kdrShift, Layout layout) {
        this.kdf = kdf;
        this.once = kdrShift < 0;
        this.layout = layout;
    }

    /**
     * Material of the direction labelled {@code label} for {@code r}; the caller wipes it. With KDR 0
     * the first call also derives {@code otherLabel}'s material when that direction has no keys yet
     * ({@code otherUnused}) and releases the KDF; the second call returns that material.
     */
    byte[] material(int label, long r, int otherLabel, boolean otherUnused) {
        if (kdf == null) {
            byte[] m = pending;
            pending = null;
            return m;
        }
        byte[] m = layout.derive(kdf, label, r);
        if (once) {
            if (otherUnused) {
                pending = layout.derive(kdf, otherLabel, 0);
            }
            released = kdf.release();
            kdf = null;
        }
        return m;
    }

    /** Material of {@code label} for {@code r} from the kept KDF (KDR ≠ 0: a spare set re-derived). */
    byte[] derive(int label, long r) {
        if (kdf == null) {
            throw new IllegalStateException("SRTP KDF released");
        }
        return layout.derive(kdf, label, r);
    }

    /** The released KDF's cipher, once, for the caller to re-key as a session cipher; null otherwise. */
    AesCtr takeCipher() {
        AesCtr c = released;
        released = null;
        return c;
    }

    boolean kdfReleased() {
        return kdf == null;
    }

    byte[] pending() {
        return pending;
    }

    @Override
    public void close() {
        if (pending != null) {
            Arrays.fill(pending, (byte) 0);
            pending = null;
        }
        if (kdf != null) {
            kdf.close();
            kdf = null;
        }
        if (released != null) {
            released.close();
            released = null;
        }
    }
}
