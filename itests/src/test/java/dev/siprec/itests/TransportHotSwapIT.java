package dev.siprec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.siprec.sip.api.SipTransport;

/**
 * Transports are plug-ins and listeners are factory configurations: stopping a transport bundle
 * closes its listeners while the others keep answering; starting it brings them back; changing a
 * listener's port moves it, all in the running framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class TransportHotSwapIT {
    private static final Duration WAIT = Duration.ofSeconds(30); // generous: CI shares 2 busy cores

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    private int udpPort;
    private int tcpPort;
    private org.osgi.service.cm.Configuration udp;
    private org.osgi.service.cm.Configuration tcp;

    @Configuration
    public Option[] config() {
        return Distribution.frameworkOptions("transports");
    }

    @Before
    public void listeners() throws Exception {
        udpPort = freePort();
        tcpPort = freePort();
        udp = listener("dev.siprec.transport.udp", udpPort);
        tcp = listener("dev.siprec.transport.tcp", tcpPort);
        assertTrue("UDP listener does not answer", Await.until(WAIT, () -> answersUdp()));
        assertTrue("TCP listener does not answer", Await.until(WAIT, () -> SipProbe.tcpOptions(tcpPort) != null));
    }

    @After
    public void removeListeners() throws Exception {
        udp.delete();
        tcp.delete();
    }

    @Test
    public void stoppingTheUdpBundleClosesItsListenerWhileTcpKeepsServing() throws Exception {
        Bundle bundle = Bundles.bundle(context, "dev.siprec.sip.transport.udp");
        bundle.stop();
        try {
            assertTrue("UDP still answers after its bundle stopped", Await.until(WAIT, () -> !answersUdp()));
            assertEquals("SIP/2.0 200 OK", SipProbe.tcpOptions(tcpPort));
            assertTrue(transports("UDP") == 0);
        } finally {
            bundle.start();
        }
        assertTrue("UDP does not answer after its bundle started again", Await.until(WAIT, () -> answersUdp()));
    }

    @Test
    public void changingTheTlsPortMovesTheListenerLive() throws Exception {
        int first = freePort();
        int second = freePort();
        org.osgi.service.cm.Configuration tls = listener("dev.siprec.transport.tls", first);
        try {
            assertTrue(Await.until(WAIT, () -> transportOnPort("TLS", first)));
            Dictionary<String, Object> props = tls.getProperties();
            props.put("port", second);
            tls.update(props);
            assertTrue("TLS listener did not move", Await.until(WAIT, () -> transportOnPort("TLS", second) && !transportOnPort("TLS", first)));
            // the new listener is registered first, the old socket closes right after on its I/O thread
            assertTrue("old TLS port still accepts", Await.until(WAIT, () -> connect(first) == null));
            assertEquals("SIP/2.0 200 OK", SipProbe.tcpOptions(tcpPort));
        } finally {
            tls.delete();
        }
    }

    private boolean answersUdp() {
        try {
            String r = SipProbe.udpOptions(udpPort);
            return r != null && r.startsWith("SIP/2.0 200");
        } catch (IOException e) {
            return false;
        }
    }

    private org.osgi.service.cm.Configuration listener(String factoryPid, int port) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration(factoryPid, "itest" + port, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("bind.address", "127.0.0.1");
        props.put("port", port);
        c.update(props);
        return c;
    }

    private int transports(String type) throws Exception {
        return context.getServiceReferences(SipTransport.class, "(" + SipTransport.TRANSPORT + "=" + type + ")").size();
    }

    private boolean transportOnPort(String type, int port) {
        try {
            for (ServiceReference<SipTransport> r : context.getServiceReferences(SipTransport.class,
                    "(&(" + SipTransport.TRANSPORT + "=" + type + ")(" + SipTransport.PORT + "=" + port + "))")) {
                if (context.getService(r).status().state() == dev.siprec.sip.api.ListenerStatus.State.LISTENING) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static String connect(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return "connected";
        } catch (IOException e) {
            return null;
        }
    }


    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
