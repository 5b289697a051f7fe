package dev.siprec.sip.transport.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending side of a connection: messages handed in from any thread (the outbox, bounded by
 * {@link StreamSettings#MAX_WRITE_BACKLOG}) and encoded bytes waiting for the socket (loop thread).
 */
final class WritePath {
    private final ConcurrentLinkedQueue<byte[]> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final ArrayDeque<ByteBuffer> wire = new ArrayDeque<>();

    /** Any thread. @return {@code false} when the backlog is full (the peer does not read) */
    boolean offer(byte[] message) {
        if (backlog.addAndGet(message.length) > StreamSettings.MAX_WRITE_BACKLOG) {
            backlog.addAndGet(-message.length);
            return false;
        }
        outbox.add(message.clone());
        return true;
    }

    /** @return the next message to encode, or {@code null} */
    byte[] poll() {
        byte[] m = outbox.poll();
        if (m != null) {
            backlog.addAndGet(-m.length);
        }
        return m;
    }

    boolean outboxEmpty() {
        return outbox.isEmpty();
    }

    /** Queues encoded bytes (copied). */
    void queue(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        wire.add(copy);
    }

    boolean hasWire() {
        return !wire.isEmpty();
    }

    /**
     * Writes what the socket takes; asks for {@code OP_WRITE} while bytes remain.
     *
     * @return whether anything was written
     */
    boolean write(SocketChannel channel, SelectionKey key) throws IOException {
        boolean wrote = false;
        while (!wire.isEmpty()) {
            ByteBuffer head = wire.peek();
            wrote |= channel.write(head) > 0;
            if (head.hasRemaining()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return wrote;
            }
            wire.poll();
        }
        if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
        return wrote;
    }

    void clear() {
        outbox.clear();
        wire.clear();
        backlog.set(0);
    }
}
