package dev.siprec.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;

/**
 * The DTLS-SRTP bundle (shipped in the distribution's optional/, provisioned from there)
 * activates beside SDES, answers a UDP/TLS/RTP/SAVP offer with a=setup:passive and its
 * fingerprint; stopped, such m-lines are refused with a reason while plain RTP goes on; started
 * again, DTLS is negotiable with no restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DtlsKeyExchangeIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    BundleContext context;

    @Inject
    SdpAnswerer answerer;

    @Inject
    SdpCodec sdp;

    private static final String OFFER = "v=0\r\n"
            + "o=SRC 1 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 16000 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=label:1\r\n"
            + "a=sendonly\r\n"
            + "m=audio 16002 UDP/TLS/RTP/SAVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=label:2\r\n"
            + "a=sendonly\r\n"
            + "a=setup:actpass\r\n"
            + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\n";

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(Distribution.frameworkOptions("dtls")));
        // the distribution ships the bundle in optional/ (bctls is in bundle/ already)
        Path module;
        try (var files = Files.list(Distribution.home().resolve("optional"))) {
            module = files.filter(f -> f.getFileName().toString().startsWith("dev.siprec.srtp.dtls-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no dev.siprec.srtp.dtls jar in the distribution's optional/"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        options.add(CoreOptions.bundle(module.toUri().toString()));
        return options.toArray(Option[]::new);
    }

    @Test
    public void dtlsIsAnsweredAndStoppingItRefusesOnlyDtls() throws Exception {
        assertTrue("DTLS key exchange registered", Await.until(WAIT, this::dtlsRegistered));
        OfferAnswer running = answer();
        String text = sdp.format(running.answer());
        assertTrue("DTLS m-line accepted: " + running.media(), running.media().get(1).accepted());
        assertTrue(text, text.contains("a=setup:passive"));
        assertTrue(text, text.contains("a=fingerprint:sha-256 "));

        Bundle dtls = Bundles.bundle(context, "dev.siprec.srtp.dtls");
        dtls.stop();
        try {
            assertTrue(Await.until(WAIT, () -> !dtlsRegistered()));
            OfferAnswer stopped = answer();
            assertTrue("plain RTP keeps working", stopped.media().get(0).accepted());
            assertFalse(stopped.media().get(1).accepted());
            assertTrue(stopped.media().get(1).reason(),
                    stopped.media().get(1).reason().contains("no key exchange for UDP/TLS/RTP/SAVP"));
        } finally {
            dtls.start();
        }
        assertTrue(Await.until(WAIT, this::dtlsRegistered));
        OfferAnswer again = answer();
        assertTrue("DTLS negotiable again with no restart: " + again.media(), again.media().get(1).accepted());
        assertTrue(Bundles.bundle(context, "dev.siprec.srtp.sdes").getState() == Bundle.ACTIVE);
    }

    private boolean dtlsRegistered() {
        return Bundles.registered(context, KeyExchange.class, KeyExchange.NAME, "DTLS");
    }

    private OfferAnswer answer() throws Exception {
        try (AnswerSession session = answerer.newSession("IP4", "127.0.0.1")) {
            return session.answer(sdp.parse(OFFER),
                    m -> Optional.of(new LocalEndpoint("IP4", "127.0.0.1", 30000 + 2 * m.index(), 30001 + 2 * m.index())));
        }
    }
}
