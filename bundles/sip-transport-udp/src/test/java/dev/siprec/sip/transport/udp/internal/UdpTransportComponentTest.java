package dev.siprec.sip.transport.udp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;

/** The DS component without a framework: registration properties, live port move, bind failure. */
class UdpTransportComponentTest {

    /** One registerService call as a BundleContext would see it. */
    static final class Reg {
        final SipTransport service;
        final Dictionary<String, ?> props;
        boolean unregistered;

        Reg(SipTransport service, Dictionary<String, ?> props) {
            this.service = service;
            this.props = props;
        }
    }

    private final List<Reg> regs = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> {
            if (m.getName().equals("registerService")) {
                Reg r = new Reg((SipTransport) a[1], (Dictionary<String, ?>) a[2]);
                regs.add(r);
                events.add("register:" + r.props.get(SipTransport.PORT));
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p2, m2, a2) -> {
                    if (m2.getName().equals("unregister")) {
                        r.unregistered = true;
                        events.add("unregister:" + r.props.get(SipTransport.PORT));
                    } else if (m2.getName().equals("setProperties")) {
                        events.add("setProperties:" + ((Dictionary<String, ?>) a2[0]).get(SipTransport.PORT));
                    }
                    return null;
                });
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private static Map<String, Object> props(int port) {
        Map<String, Object> m = new HashMap<>();
        m.put("bind.address", "127.0.0.1");
        m.put("port", port);
        m.put("felix.fileinstall.filename", "file:/opt/srs/etc/dev.siprec.transport.udp-default.cfg");
        return m;
    }

    private static UdpTransportComponent.Config config(Map<String, Object> m) {
        return Converters.standardConverter().convert(m).to(UdpTransportComponent.Config.class);
    }

    @Test
    void registersWithTheBoundPortAndMovesLive() throws Exception {
        UdpTransportComponent c = new UdpTransportComponent(context(), config(props(0)), props(0));
        Reg first = regs.get(0);
        assertEquals("UDP", first.props.get(SipTransport.TRANSPORT));
        assertEquals("default", first.props.get(SipTransport.LISTENER));
        assertEquals("127.0.0.1", first.props.get(SipTransport.ADDRESS));
        int port = (Integer) first.props.get(SipTransport.PORT);
        assertTrue(port > 0);
        assertEquals(ListenerStatus.State.LISTENING, first.service.status().state());

        int next;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            next = probe.getLocalPort();
        }
        c.modified(config(props(next)), props(next));
        assertEquals(List.of("register:" + port, "register:" + next, "unregister:" + port), events,
                "the new listener is up before the old one goes");
        Reg second = regs.get(1);
        assertEquals(next, second.service.localAddress().getPort());
        assertEquals(ListenerStatus.State.CLOSED, first.service.status().state());
        c.deactivate();
        assertTrue(second.unregistered);
        assertEquals(ListenerStatus.State.CLOSED, second.service.status().state());
    }

    @Test
    void limitsChangeLiveOnTheSameSocket() {
        Map<String, Object> p = props(0);
        UdpTransportComponent c = new UdpTransportComponent(context(), config(p), p);
        int port = (Integer) regs.get(0).props.get(SipTransport.PORT);
        Map<String, Object> p2 = props(0);
        p2.put("max.message.bytes", 4000);
        // port 0 binds anew on every open: keep the bound port to stay on the same socket
        p2.put("port", port);
        p.put("port", port);
        c.modified(config(p2), p2);
        assertEquals(1, regs.size(), "no new registration");
        assertEquals(List.of("register:" + port, "setProperties:" + port), events);
        assertEquals("4000", regs.get(0).service.status().details().get("max.message.bytes"));
        assertEquals(ListenerStatus.State.LISTENING, regs.get(0).service.status().state());
        c.deactivate();
    }

    @Test
    void aBusyPortIsRegisteredAsFailedWithTheReason() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Map<String, Object> p = props(taken.getLocalPort());
            UdpTransportComponent c = new UdpTransportComponent(context(), config(p), p);
            Reg r = regs.get(0);
            assertEquals(taken.getLocalPort(), r.props.get(SipTransport.PORT), "the configured port of the failed listener");
            ListenerStatus s = r.service.status();
            assertEquals(ListenerStatus.State.FAILED, s.state());
            assertTrue(s.reason().contains("Address already in use") || s.reason().contains("bind"), s.reason());
            c.deactivate();
        }
    }

    @Test
    void invalidConfigurationIsRefusedWithAClearMessage() {
        Map<String, Object> p = props(5060);
        p.put("max.message.bytes", 100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UdpTransportComponent(context(), config(p), p));
        assertTrue(e.getMessage().contains("max.message.bytes"));
        assertNotEquals(0, e.getMessage().length());
    }
}
