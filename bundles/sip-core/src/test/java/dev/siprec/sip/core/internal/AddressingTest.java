package dev.siprec.sip.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

/** How the server names itself (Contact, Via) and compares Via hosts to source addresses, IPv4 and IPv6. */
class AddressingTest {

    private static SipConnection flow(FakeTransport t, InetSocketAddress local) {
        return new SipConnection() {
            @Override public SipTransport transport() { return t; }
            @Override public InetSocketAddress remote() { return new InetSocketAddress("127.0.0.1", 1); }
            @Override public InetSocketAddress local() { return local; }
            @Override public boolean isOpen() { return true; }
            @Override public void send(byte[] m) { }
            @Override public Optional<TlsDetails> tls() { return Optional.empty(); }
            @Override public void close() { }
        };
    }

    @Test
    void advertisedHostWinsThenListenerAddressThenRequestUri() {
        FakeTransport t = new FakeTransport("x", false, 5060);
        assertEquals("srs.example.com", Addressing.host("srs.example.com", flow(t, new InetSocketAddress("10.0.0.1", 5060)), null));
        assertEquals("10.0.0.1", Addressing.host("", flow(t, new InetSocketAddress("10.0.0.1", 5060)), "sip:a@b"));
        assertEquals("192.0.2.7", Addressing.host("", flow(t, new InetSocketAddress("0.0.0.0", 5060)), "sip:srs@192.0.2.7:5060"));
        assertEquals("[::1]", Addressing.host("", flow(t, new InetSocketAddress("::1", 5060)), null));
    }

    @Test
    void contactNamesTheTransport() {
        FakeTransport udp = new FakeTransport("u", false, 5060);
        FakeTransport tcp = new FakeTransport("t", true, 5062);
        assertEquals("<sip:[::1]:5060>", Addressing.contact("[::1]", flow(udp, null)));
        assertEquals("<sip:h:5062;transport=tcp>", Addressing.contact("h", flow(tcp, null)));
        assertEquals("<sip:h:5067;transport=ws>", Addressing.contact("h", over("WSS", 5067)), "RFC 7118 §5.2");
        assertEquals("<sip:h:5066;transport=ws>", Addressing.contact("h", over("WS", 5066)));
    }

    /** A flow of a transport named {@code name} (only what the Contact needs). */
    private static dev.siprec.sip.api.SipConnection over(String name, int port) {
        ClassLoader cl = AddressingTest.class.getClassLoader();
        dev.siprec.sip.api.SipTransport t = (dev.siprec.sip.api.SipTransport) java.lang.reflect.Proxy.newProxyInstance(cl,
                new Class<?>[] {dev.siprec.sip.api.SipTransport.class}, (p, m, a) -> switch (m.getName()) {
                    case "transport" -> name;
                    case "localAddress" -> new java.net.InetSocketAddress("127.0.0.1", port);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (dev.siprec.sip.api.SipConnection) java.lang.reflect.Proxy.newProxyInstance(cl,
                new Class<?>[] {dev.siprec.sip.api.SipConnection.class}, (p, m, a) -> {
                    if (m.getName().equals("transport")) {
                        return t;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void viaHostComparison() throws Exception {
        assertTrue(Addressing.sameHost("127.0.0.1", InetAddress.getByName("127.0.0.1")));
        assertTrue(Addressing.sameHost("[::1]", InetAddress.getByName("::1")));
        assertTrue(Addressing.sameHost("[0:0:0:0:0:0:0:1]", InetAddress.getByName("::1")));
        assertFalse(Addressing.sameHost("client.example.com", InetAddress.getByName("127.0.0.1")));
        assertEquals("[::1]", Addressing.literal(InetAddress.getByName("::1")));
        assertEquals("2001:db8::1:0:0:1", Addressing.compress("2001:db8:0:0:1:0:0:1"));
        assertEquals("::", Addressing.compress("0:0:0:0:0:0:0:0"));
        assertEquals("fe80::", Addressing.compress("fe80:0:0:0:0:0:0:0"));
        assertEquals("1:0:2:0:3:0:4:0", Addressing.compress("1:0:2:0:3:0:4:0"));
    }

    @Test
    void ipv6SourceGetsReceivedWithoutBrackets() throws Exception {
        String via = ResponseBuilder.topVia("SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bKv6;rport",
                new InetSocketAddress(InetAddress.getByName("::1"), 5071));
        assertTrue(via.contains("rport=5071"), via);
        assertTrue(via.contains("received=0:0:0:0:0:0:0:1") || via.contains("received=::1"), via);
    }
}
