package dev.siprec.srtp.api;

/**
 * A reusable, mutable view of one packet in a caller-owned buffer, so that protect and unprotect
 * allocate nothing: the engine works in place on {@link #buffer()} from offset 0 and updates
 * {@link #length()}. Not thread-safe; one per I/O thread.
 */
public final class SrtpPacket {
    private byte[] buffer;
    private int length;

    /** @param buffer the buffer to use, with room for tag and MKI when protecting */
    public SrtpPacket(byte[] buffer) {
        set(buffer, 0);
    }

    /**
     * Points this view at {@code length} bytes at the start of {@code buffer}.
     *
     * @return this
     */
    public SrtpPacket set(byte[] buffer, int length) {
        if (buffer == null || length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer");
        }
        this.buffer = buffer;
        this.length = length;
        return this;
    }

    /** Sets the packet length within the current buffer. */
    public SrtpPacket length(int length) {
        return set(buffer, length);
    }

    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    /** @return bytes available in the buffer */
    public int capacity() {
        return buffer.length;
    }
}
