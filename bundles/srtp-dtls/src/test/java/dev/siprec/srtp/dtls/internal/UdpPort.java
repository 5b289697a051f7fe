package dev.siprec.srtp.dtls.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

import dev.siprec.kex.api.MediaPort;
import dev.siprec.kex.api.MediaPortHandler;

/**
 * A test stand-in for the media layer: one UDP socket on loopback, a reader thread that hands the
 * datagrams whose first byte is 20..63 to a handler (RFC 7983 §7) and counts the others.
 */
final class UdpPort implements MediaPort, AutoCloseable {
    final DatagramSocket socket;
    final AtomicLong notDtls = new AtomicLong();
    private final Thread reader;
    private volatile MediaPortHandler handler;

    UdpPort() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(this::read, "test-udp-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** Feeds {@code h} without attaching it (the test attached it to another port view). */
    void handleOnly(MediaPortHandler h) {
        handler = h;
    }

    void handle(MediaPortHandler h) {
        handler = h;
        h.attach(this);
    }

    private void read() {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            int first = buf[0] & 0xff;
            MediaPortHandler h = handler;
            if (p.getLength() > 0 && first >= 20 && first <= 63 && h != null) {
                h.datagram(buf, 0, p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } else {
                notDtls.incrementAndGet();
            }
        }
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void send(byte[] data, int offset, int length, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, offset, length, to));
        } catch (IOException e) {
            // dropped, as on the wire
        }
    }

    @Override
    public void close() throws InterruptedException {
        MediaPortHandler h = handler;
        if (h != null) {
            h.detach();
        }
        socket.close();
        reader.join(2000);
    }
}
