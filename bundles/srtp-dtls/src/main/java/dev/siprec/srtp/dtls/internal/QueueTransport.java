package dev.siprec.srtp.dtls.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;

import dev.siprec.kex.api.MediaPort;

/**
 * Bouncy Castle's view of one stream's port: datagrams the media I/O thread hands over are queued
 * (bounded, copied, dropped when full as on the wire) and read by the handshake thread; flights go
 * out through the {@link MediaPort} to the one peer of the association.
 */
final class QueueTransport implements DatagramTransport {
    /** Send limit: fits the IPv6 minimum MTU with headers; Bouncy Castle fragments flights to it. */
    static final int SEND_LIMIT = 1200;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(32);
    private final MediaPort port;
    private final InetSocketAddress peer;
    private final int receiveLimit;
    private volatile boolean closed;

    QueueTransport(MediaPort port, InetSocketAddress peer, int receiveLimit) {
        this.port = port;
        this.peer = peer;
        this.receiveLimit = receiveLimit;
    }

    InetSocketAddress peer() {
        return peer;
    }

    /** @return false when the queue is full or the transport closed (the datagram is dropped). */
    boolean offer(byte[] data, int offset, int length) {
        if (closed) {
            return false;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return queue.offer(copy);
    }

    @Override
    public int getReceiveLimit() {
        return receiveLimit;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] d;
        try {
            d = queue.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (d == null) {
            return -1;
        }
        if (d == CLOSED || closed) {
            throw new IOException("DTLS transport closed");
        }
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        java.util.Arrays.fill(d, (byte) 0);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        port.send(buf, off, len, peer);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(CLOSED);
        }
    }
}
