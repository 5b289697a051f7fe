package dev.siprec.sip.transport.tls.internal;

import dev.siprec.testing.FakeContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import dev.siprec.keys.api.TlsCredentialService;
import dev.siprec.keys.api.TlsCredentialSpec;
import dev.siprec.keys.api.TlsCredentials;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;

/**
 * The TLS DS component without a framework, over the real credential service: the listener starts
 * in the background; deactivation and changes during a start in progress are safe; failures are
 * registered with their reason.
 */
class TlsTransportComponentTest {
    @TempDir
    Path dir;
    private TlsTestSupport t;
    private final FakeContext fake = new FakeContext();

    @BeforeEach
    void setUp() throws Exception {
        t = new TlsTestSupport(dir);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /** The real credential service, with every load held at a gate until the test lets it through. */
    private static final class GatedCredentials implements TlsCredentialService {
        final TlsCredentialService real;
        final Semaphore gate = new Semaphore(0);
        final AtomicInteger loadsBegun = new AtomicInteger();
        volatile RuntimeException failure;

        GatedCredentials(TlsCredentialService real) {
            this.real = real;
        }

        @Override
        public TlsCredentials load(TlsCredentialSpec spec) throws IOException, GeneralSecurityException {
            loadsBegun.incrementAndGet();
            try {
                if (!gate.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (failure != null) {
                throw failure;
            }
            return real.load(spec);
        }

        @Override
        public List<TlsCredentials> inUse() {
            return real.inUse();
        }
    }

    private static TlsTransportComponent.Config config(Map<String, Object> m) {
        return Converters.standardConverter().convert(m).to(TlsTransportComponent.Config.class);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(10);
        }
    }

    private FakeContext.Registration awaitRegistration(int index) throws InterruptedException {
        await(() -> fake.registrations.size() > index, "registration #" + index);
        return fake.registrations.get(index);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Map<String, Object> withServerCert(Object... kv) {
        Map<String, Object> p = TlsTestSupport.config(kv);
        p.put("certificate", t.serverCert.toString());
        p.put("private.key", t.serverKey.toString());
        p.put("service.pid", "dev.siprec.transport.tls~edge");
        return p;
    }

    @Test
    void registersATlsListenerWithAGeneratedCertificate() throws Exception {
        Map<String, Object> p = TlsTestSupport.config("service.pid", "dev.siprec.transport.tls~edge");
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), t.credentials, config(p), p);
        FakeContext.Registration r = awaitRegistration(0);
        assertEquals("TLS", r.properties.get(SipTransport.TRANSPORT));
        assertEquals("edge", r.properties.get(SipTransport.LISTENER));
        assertEquals("LISTENING", r.properties.get("sip.state"));
        assertTrue(r.service.secure());
        assertTrue(Files.isRegularFile(dir.resolve("data/tls/edge.crt.pem")));
        assertTrue(r.service.status().details().get("certificate.subject").contains("self-signed edge"));
        c.deactivate();
        assertTrue(r.unregistered);
        assertTrue(t.credentials.inUse().isEmpty(), "credentials not closed with the listener");
    }

    @Test
    void activationReturnsBeforeTheCredentialsAreLoaded() throws Exception {
        GatedCredentials gated = new GatedCredentials(t.credentials);
        Map<String, Object> p = withServerCert();
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), gated, config(p), p);
        await(() -> gated.loadsBegun.get() == 1, "the load to begin in the background");
        assertTrue(fake.registrations.isEmpty(), "registered before its credentials were loaded");
        gated.gate.release();
        FakeContext.Registration r = awaitRegistration(0);
        assertEquals("LISTENING", r.properties.get("sip.state"));
        assertTrue(accepts((Integer) r.properties.get(SipTransport.PORT)));
        c.deactivate();
    }

    @Test
    void unusableCredentialsRegisterAFailedListenerWithTheReason() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        Map<String, Object> p = TlsTestSupport.config("certificate", junk.toString(), "private.key", t.serverKey.toString(),
                "felix.fileinstall.filename", "/etc/dev.siprec.transport.tls-default.cfg");
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), t.credentials, config(p), p);
        FakeContext.Registration r = awaitRegistration(0);
        assertEquals("FAILED", r.properties.get("sip.state"));
        ListenerStatus s = r.service.status();
        assertEquals(ListenerStatus.State.FAILED, s.state());
        assertTrue(s.reason().contains("TLS credentials cannot be loaded") && s.reason().contains("junk.pem"), s.reason());

        // the same configuration again retries (the files may have been fixed meanwhile)
        Files.copy(t.serverCert, junk, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        c.modified(config(p), p);
        FakeContext.Registration fixed = awaitRegistration(1);
        assertEquals("LISTENING", fixed.properties.get("sip.state"));
        assertTrue(r.unregistered);
        c.deactivate();
    }

    @Test
    void aFailureInsideTheCredentialServiceRegistersAFailedListener() throws Exception {
        GatedCredentials gated = new GatedCredentials(t.credentials);
        gated.failure = new IllegalStateException("key store service broken");
        gated.gate.release(1);
        Map<String, Object> p = withServerCert();
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), gated, config(p), p);
        FakeContext.Registration r = awaitRegistration(0);
        assertEquals("FAILED", r.properties.get("sip.state"));
        assertTrue(r.service.status().reason().contains("key store service broken"), r.service.status().reason());
        c.deactivate();
        assertTrue(r.unregistered);
    }

    @Test
    void aPortInUseRegistersAFailedListenerWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, Object> p = withServerCert("port", taken.getLocalPort());
            TlsTransportComponent c = new TlsTransportComponent(fake.context(), t.credentials, config(p), p);
            FakeContext.Registration r = awaitRegistration(0);
            assertEquals("FAILED", r.properties.get("sip.state"));
            String reason = r.service.status().reason();
            assertTrue(reason.contains("cannot bind") && reason.contains(String.valueOf(taken.getLocalPort())), reason);
            c.deactivate();
            assertTrue(r.unregistered);
            assertTrue(t.credentials.inUse().isEmpty(), "credentials of the failed listener not closed");
        }
    }

    @Test
    void aBadConfigurationFailsActivationAtOnce() {
        GatedCredentials gated = new GatedCredentials(t.credentials);
        Map<String, Object> p = withServerCert("client.auth", "need");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TlsTransportComponent(fake.context(), gated, config(p), p));
        assertTrue(e.getMessage().contains("truststore"), e.getMessage());
        Map<String, Object> q = withServerCert("idle.timeout.seconds", -1);
        assertThrows(IllegalArgumentException.class, () -> new TlsTransportComponent(fake.context(), gated, config(q), q));
        assertEquals(0, gated.loadsBegun.get());
        assertTrue(fake.registrations.isEmpty());
    }

    @Test
    void deactivationDuringAStartWaitsForItAndLeavesNothingOpen() throws Exception {
        GatedCredentials gated = new GatedCredentials(t.credentials);
        Map<String, Object> p = withServerCert();
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), gated, config(p), p);
        await(() -> gated.loadsBegun.get() == 1, "the load to begin");
        Thread deactivation = new Thread(c::deactivate);
        deactivation.start();
        deactivation.join(300);
        assertTrue(deactivation.isAlive(), "deactivation returned while the start was in progress");
        gated.gate.release();
        deactivation.join(30_000);
        assertFalse(deactivation.isAlive());
        assertEquals(1, fake.registrations.size());
        FakeContext.Registration r = fake.registrations.get(0);
        assertTrue(r.unregistered, "still registered after deactivation");
        assertEquals(ListenerStatus.State.CLOSED, r.service.status().state());
        assertFalse(accepts((Integer) r.properties.get(SipTransport.PORT)), "port still open after deactivation");
        assertTrue(t.credentials.inUse().isEmpty(), "credentials not closed");
    }

    @Test
    void deactivationRightAfterActivationLeavesNothingRegisteredOrOpen() throws Exception {
        for (int i = 0; i < 3; i++) {
            FakeContext f = new FakeContext();
            Map<String, Object> p = withServerCert();
            TlsTransportComponent c = new TlsTransportComponent(f.context(), t.credentials, config(p), p);
            c.deactivate();
            Thread.sleep(200); // a start that wrongly ran after deactivation would register by now
            for (FakeContext.Registration r : f.registrations) {
                assertTrue(r.unregistered, "registered after deactivation");
                assertEquals(ListenerStatus.State.CLOSED, r.service.status().state());
                assertFalse(accepts((Integer) r.properties.get(SipTransport.PORT)));
            }
            assertTrue(t.credentials.inUse().isEmpty(), "credentials left open");
        }
    }

    @Test
    void changesDuringAStartApplyInOrderAndTheLastOneStays() throws Exception {
        GatedCredentials gated = new GatedCredentials(t.credentials);
        Map<String, Object> first = withServerCert();
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), gated, config(first), first);
        await(() -> gated.loadsBegun.get() == 1, "the first load to begin");
        Map<String, Object> second = withServerCert("max.connections", 10);
        c.modified(config(second), second);
        int port = freePort();
        Map<String, Object> third = withServerCert("port", port);
        c.modified(config(third), third);
        assertTrue(fake.registrations.isEmpty());
        gated.gate.release(3);

        FakeContext.Registration last = awaitRegistration(2);
        await(() -> fake.registrations.get(0).unregistered && fake.registrations.get(1).unregistered,
                "the earlier listeners to be replaced");
        assertEquals(3, gated.loadsBegun.get());
        assertEquals(port, last.properties.get(SipTransport.PORT));
        assertEquals("LISTENING", last.properties.get("sip.state"));
        assertFalse(last.unregistered);
        assertTrue(accepts(port));
        for (int i = 0; i < 2; i++) {
            assertEquals(ListenerStatus.State.CLOSED, fake.registrations.get(i).service.status().state());
        }
        assertEquals(1, t.credentials.inUse().size(), "credentials of replaced listeners not closed");

        c.deactivate();
        assertTrue(last.unregistered);
        assertFalse(accepts(port));
        assertTrue(t.credentials.inUse().isEmpty());
    }
}
