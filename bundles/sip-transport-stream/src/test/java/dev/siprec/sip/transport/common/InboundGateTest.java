package dev.siprec.sip.transport.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

class InboundGateTest {

    /** A connection that is open until closed. */
    static final class Flow implements SipConnection {
        final int id;
        volatile boolean open = true;

        Flow(int id) {
            this.id = id;
        }

        public SipTransport transport() {
            return null;
        }

        public InetSocketAddress remote() {
            return new InetSocketAddress("127.0.0.1", 40000 + id);
        }

        public InetSocketAddress local() {
            return new InetSocketAddress("127.0.0.1", 5060);
        }

        public boolean isOpen() {
            return open;
        }

        public void send(byte[] message) throws IOException {
        }

        public Optional<TlsDetails> tls() {
            return Optional.empty();
        }

        public void close() {
            open = false;
        }
    }

    /** Records what reaches it, as "flow:text". */
    static class Core implements SipInbound {
        final List<String> got = Collections.synchronizedList(new ArrayList<>());

        public void received(SipConnection connection, byte[] message) {
            got.add(((Flow) connection).id + ":" + new String(message));
        }

        public void framingError(SipConnection connection, byte[] partial, String reason) {
        }

        public boolean carriesDialog(SipConnection connection) {
            return false;
        }
    }

    private final AtomicLong now = new AtomicLong();

    private InboundGate gate(int messages, long bytes, long ageNanos) {
        return new InboundGate(messages, bytes, ageNanos, now::get);
    }

    @Test
    void heldMessagesReachTheCoreThatAttachesFirstInArrivalOrderThenMessagesGoStraightThrough() {
        InboundGate g = gate(10, 1000, 1_000);
        Flow a = new Flow(1);
        Flow b = new Flow(2);
        assertEquals(InboundGate.Outcome.HELD, g.received(a, "one".getBytes()));
        assertEquals(InboundGate.Outcome.HELD, g.received(b, "two".getBytes()));
        assertEquals(InboundGate.Outcome.HELD, g.received(a, "three".getBytes()));
        assertEquals(3, g.held());
        Core core = new Core();
        assertTrue(g.attach(core).isEmpty());
        assertEquals(List.of("1:one", "2:two", "1:three"), core.got);
        assertEquals(0, g.held());
        assertEquals(InboundGate.Outcome.DELIVERED, g.received(b, "four".getBytes()));
        assertEquals("2:four", core.got.get(3));
        assertEquals(core, g.inbound());
    }

    @Test
    void aClosedConnectionsMessagesAndMessagesOlderThanTheAgeAreNotDelivered() {
        InboundGate g = gate(10, 1000, 1_000);
        Flow gone = new Flow(1);
        Flow old = new Flow(2);
        Flow fresh = new Flow(3);
        g.received(old, "old".getBytes());
        now.set(600);
        g.received(gone, "gone".getBytes());
        g.received(fresh, "fresh".getBytes());
        gone.close();
        now.set(1_200); // "old" is 1,200 old, the others 600
        Core core = new Core();
        g.attach(core);
        assertEquals(List.of("3:fresh"), core.got);
    }

    @Test
    void beyondItsBoundsTheGateDropsAsBeforeAndAgeFreesRoom() {
        InboundGate g = gate(2, 10, 1_000);
        Flow f = new Flow(1);
        assertEquals(InboundGate.Outcome.HELD, g.received(f, "12345".getBytes()));
        assertEquals(InboundGate.Outcome.DROPPED, g.received(f, "123456".getBytes()), "bytes bound");
        assertEquals(InboundGate.Outcome.HELD, g.received(f, "12345".getBytes()));
        assertEquals(InboundGate.Outcome.DROPPED, g.received(f, "1".getBytes()), "count bound");
        now.set(2_000);
        assertEquals(InboundGate.Outcome.HELD, g.received(f, "late".getBytes()), "the expired ones made room");
        assertEquals(1, g.held());
        InboundGate none = gate(0, 0, 0);
        assertEquals(InboundGate.Outcome.DROPPED, none.received(f, "x".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> gate(-1, 0, 0));
    }

    @Test
    void detachingHoldsAgainAndOnlyTheAttachedCoreDetaches() {
        InboundGate g = gate(10, 1000, 1_000);
        Core first = new Core();
        Core second = new Core();
        g.attach(first);
        g.detach(second);
        assertEquals(InboundGate.Outcome.DELIVERED, g.received(new Flow(1), "a".getBytes()));
        g.detach(first);
        assertEquals(InboundGate.Outcome.HELD, g.received(new Flow(1), "b".getBytes()));
        g.attach(second);
        assertEquals(List.of("1:a"), first.got);
        assertEquals(List.of("1:b"), second.got);
        g.detach(second);
        g.received(new Flow(1), "c".getBytes());
        g.clear();
        assertEquals(0, g.held());
    }

    @Test
    void aCoreFailingOnAHeldMessageGetsTheRestAndTheFailuresAreReturned() {
        InboundGate g = gate(10, 1000, 1_000);
        g.received(new Flow(1), "bad".getBytes());
        g.received(new Flow(2), "good".getBytes());
        Core core = new Core() {
            @Override
            public void received(SipConnection connection, byte[] message) {
                if (new String(message).equals("bad")) {
                    throw new IllegalStateException("boom");
                }
                super.received(connection, message);
            }
        };
        List<RuntimeException> failures = g.attach(core);
        assertEquals(1, failures.size());
        assertEquals("boom", failures.get(0).getMessage());
        assertEquals(List.of("2:good"), core.got);
    }

    @Test
    void messagesArrivingWhileACoreAttachesAreEachDeliveredOnceAndInOrderPerConnection() throws Exception {
        for (int round = 0; round < 20; round++) {
            InboundGate g = new InboundGate(100_000, 100L << 20, Long.MAX_VALUE, System::nanoTime);
            Core core = new Core();
            int senders = 4;
            int each = 2_000;
            CountDownLatch started = new CountDownLatch(senders);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                Flow f = new Flow(t);
                Thread th = new Thread(() -> {
                    started.countDown();
                    for (int i = 0; i < each; i++) {
                        g.received(f, Integer.toString(i).getBytes());
                    }
                });
                threads.add(th);
                th.start();
            }
            started.await();
            g.attach(core);
            for (Thread th : threads) {
                th.join();
            }
            assertEquals(senders * each, core.got.size(), "round " + round);
            int[] next = new int[senders];
            for (String s : core.got) {
                int flow = Integer.parseInt(s.substring(0, s.indexOf(':')));
                assertEquals(next[flow]++, Integer.parseInt(s.substring(s.indexOf(':') + 1)), "order of flow " + flow);
            }
        }
    }
}
