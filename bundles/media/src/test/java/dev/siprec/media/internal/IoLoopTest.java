package dev.siprec.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.media.internal.rtp.MediaClock;

/** The I/O loop's coalesced rounds: nothing left in a socket, nothing reordered, tasks not held up by a rest. */
class IoLoopTest {
    private IoLoop loop;
    private final List<DatagramChannel> channels = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.stop();
        }
        for (DatagramChannel c : channels) {
            c.close();
        }
    }

    private DatagramChannel channel() throws Exception {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        c.configureBlocking(false);
        channels.add(c);
        return c;
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /**
     * Bursts of many datagrams to some sockets while others get one at a time: a round takes one
     * datagram per ready socket, and what is left is taken by the next rounds, in order.
     */
    @Test
    void burstsAreTakenCompletelyAndInOrder() throws Exception {
        loop = new IoLoop("test-io", MediaClock.system());
        loop.start();
        int sockets = 4;
        List<List<Integer>> got = new java.util.ArrayList<>();
        DatagramChannel[] rx = new DatagramChannel[sockets];
        for (int s = 0; s < sockets; s++) {
            rx[s] = channel();
            List<Integer> seen = new CopyOnWriteArrayList<>();
            got.add(seen);
            DatagramChannel ch = rx[s];
            loop.executeAndWait(() -> {
                try {
                    loop.register(ch, (b, n, src, now) -> seen.add(ByteBuffer.wrap(b, 0, n).getInt()));
                } catch (java.nio.channels.ClosedChannelException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        int[] counts = {600, 1, 300, 5};
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 600; i++) {
                    for (int s = 0; s < sockets; s++) {
                        if (i < counts[s]) {
                            int seq = round * 1000 + i;
                            tx.send(ByteBuffer.allocate(8).putInt(0, seq), rx[s].getLocalAddress());
                        }
                    }
                }
                int r = round;
                await(() -> {
                    for (int s = 0; s < sockets; s++) {
                        if (got.get(s).size() < (r + 1) * counts[s]) {
                            return false;
                        }
                    }
                    return true;
                });
            }
        }
        for (int s = 0; s < sockets; s++) {
            List<Integer> seen = got.get(s);
            assertEquals(3 * counts[s], seen.size(), "socket " + s);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) > seen.get(i - 1), "socket " + s + " in order at " + i + ": " + seen.get(i));
            }
        }
    }

    /** A task queued while the loop rests after a round with datagrams ends the rest: it is not held for the rest's length. */
    @Test
    void aTaskEndsTheRestAtOnce() throws Exception {
        // a rest of a minute: executeAndWait gives up after 5 s (IllegalStateException) unless the task wakes the loop
        loop = new IoLoop("test-io", MediaClock.system(), 60_000_000_000L);
        loop.start();
        DatagramChannel rx = channel();
        AtomicBoolean arrived = new AtomicBoolean();
        loop.executeAndWait(() -> {
            try {
                loop.register(rx, (b, n, src, now) -> arrived.set(true));
            } catch (java.nio.channels.ClosedChannelException e) {
                throw new IllegalStateException(e);
            }
        });
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            tx.send(ByteBuffer.allocate(4), rx.getLocalAddress());
        }
        await(arrived::get);
        assertTrue(arrived.get());
        Thread.sleep(50); // the loop is resting now
        for (int i = 0; i < 3; i++) {
            AtomicBoolean ran = new AtomicBoolean();
            loop.executeAndWait(() -> ran.set(true));
            assertTrue(ran.get());
        }
    }
}
