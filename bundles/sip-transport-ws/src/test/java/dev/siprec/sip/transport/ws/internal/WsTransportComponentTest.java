package dev.siprec.sip.transport.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.testing.FakeContext;

/** The WS component without a framework: the listener starts in the background, deactivation waits for it
 * ({@code ListenerStarterTest} in the stream bundle tests the starter itself). */
class WsTransportComponentTest {
    private final FakeContext fake = new FakeContext();

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("bind.address", "127.0.0.1");
        m.put("port", 0);
        m.put("felix.fileinstall.filename", "file:/srv/siprec/etc/dev.siprec.transport.ws-default.cfg");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static WsTransportComponent.Config config(Map<String, Object> m) {
        return Converters.standardConverter().convert(m).to(WsTransportComponent.Config.class);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(10);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void registersTheListeningListenerInTheBackgroundAndClosesItOnDeactivation() throws Exception {
        Map<String, Object> p = props();
        WsTransportComponent c = new WsTransportComponent(fake.context(), config(p), p);
        await(() -> !fake.registrations.isEmpty(), "the WS listener's registration");
        FakeContext.Registration r = fake.registrations.get(0);
        assertEquals("WS", r.properties.get(SipTransport.TRANSPORT));
        assertEquals("default", r.properties.get(SipTransport.LISTENER));
        assertEquals("LISTENING", r.properties.get("sip.state"));
        int port = (Integer) r.properties.get(SipTransport.PORT);
        assertTrue(port > 0);
        assertTrue(accepts(port));

        // the same configuration again changes nothing
        c.modified(config(p), p);
        c.deactivate();
        assertEquals(1, fake.registrations.size());
        assertTrue(r.unregistered);
        assertEquals(ListenerStatus.State.CLOSED, r.service.status().state());
        assertFalse(accepts(port), "port still open after deactivation");
    }

    @Test
    void deactivationRightAfterActivationLeavesNothingRegisteredOrOpen() throws Exception {
        for (int i = 0; i < 3; i++) {
            FakeContext f = new FakeContext();
            Map<String, Object> p = props();
            WsTransportComponent c = new WsTransportComponent(f.context(), config(p), p);
            c.deactivate();
            Thread.sleep(200); // a start that wrongly ran after deactivation would register by now
            for (FakeContext.Registration r : f.registrations) {
                assertTrue(r.unregistered, "registered after deactivation");
                assertEquals(ListenerStatus.State.CLOSED, r.service.status().state());
                assertFalse(accepts((Integer) r.properties.get(SipTransport.PORT)));
            }
        }
    }

    @Test
    void aBadConfigurationFailsActivationAtOnce() {
        Map<String, Object> p = props("idle.timeout.seconds", -1);
        assertThrows(IllegalArgumentException.class, () -> new WsTransportComponent(fake.context(), config(p), p));
        assertTrue(fake.registrations.isEmpty());
    }
}
