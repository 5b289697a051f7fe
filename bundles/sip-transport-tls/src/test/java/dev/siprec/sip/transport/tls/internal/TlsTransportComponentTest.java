package dev.siprec.sip.transport.tls.internal;

import dev.siprec.testing.FakeContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.SipTransport;

/** The TLS DS component without a framework, over the real credential service. */
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

    private static TlsTransportComponent.Config config(Map<String, Object> m) {
        return Converters.standardConverter().convert(m).to(TlsTransportComponent.Config.class);
    }

    @Test
    void registersATlsListenerWithAGeneratedCertificate() throws Exception {
        Map<String, Object> p = TlsTestSupport.config("service.pid", "dev.siprec.transport.tls~edge");
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), t.credentials, config(p), p);
        FakeContext.Registration r = fake.registrations.get(0);
        assertEquals("TLS", r.properties.get(SipTransport.TRANSPORT));
        assertEquals("edge", r.properties.get(SipTransport.LISTENER));
        assertEquals("LISTENING", r.properties.get("sip.state"));
        assertTrue(r.service.secure());
        assertTrue(Files.isRegularFile(dir.resolve("data/tls/edge.crt.pem")));
        assertTrue(r.service.status().details().get("certificate.subject").contains("self-signed edge"));
        c.deactivate();
        assertTrue(r.unregistered);
    }

    @Test
    void unusableCredentialsRegisterAFailedListenerWithTheReason() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        Map<String, Object> p = TlsTestSupport.config("certificate", junk.toString(), "private.key", t.serverKey.toString(),
                "felix.fileinstall.filename", "/etc/dev.siprec.transport.tls-default.cfg");
        TlsTransportComponent c = new TlsTransportComponent(fake.context(), t.credentials, config(p), p);
        FakeContext.Registration r = fake.registrations.get(0);
        assertEquals("FAILED", r.properties.get("sip.state"));
        ListenerStatus s = r.service.status();
        assertEquals(ListenerStatus.State.FAILED, s.state());
        assertTrue(s.reason().contains("TLS credentials cannot be loaded") && s.reason().contains("junk.pem"), s.reason());

        // the same configuration again retries (the files may have been fixed meanwhile)
        Files.copy(t.serverCert, junk, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        c.modified(config(p), p);
        FakeContext.Registration fixed = fake.registrations.get(1);
        assertEquals("LISTENING", fixed.properties.get("sip.state"));
        assertTrue(r.unregistered);
        c.deactivate();
    }
}
