package dev.siprec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
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
 * Key exchange is a plug-in: with the SDES bundle stopped, plain RTP m-lines are still answered and
 * SRTP m-lines are refused with a reason; started again, SDES is negotiable with no restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KeyExchangeHotSwapIT {
    private static final Duration WAIT = Duration.ofSeconds(30); // generous: CI shares 2 busy cores

    @Inject
    BundleContext context;

    @Inject
    SdpAnswerer answerer;

    @Inject
    SdpCodec sdp;

    /** One plain RTP m-line and one SDES m-line (AES_CM_128_HMAC_SHA1_80: 16-byte key + 14-byte salt). */
    private static final String MIXED_OFFER = "v=0\r\n"
            + "o=SRC 1 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 16000 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=label:1\r\n"
            + "a=sendonly\r\n"
            + "m=audio 16002 RTP/SAVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=label:2\r\n"
            + "a=sendonly\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd\r\n";

    @Configuration
    public Option[] config() {
        return Distribution.frameworkOptions("kex");
    }

    @Test
    public void stoppingSdesRefusesOnlySrtpAndStartingItAgainBringsItBack() throws Exception {
        assertTrue("SDES key exchange registered", Await.until(WAIT, this::sdesRegistered));
        OfferAnswer before = answer();
        assertTrue("SDES m-line accepted while the bundle runs: " + before.media(), before.media().get(1).accepted());

        Bundle sdes = Bundles.bundle(context, "dev.siprec.srtp.sdes");
        sdes.stop();
        try {
            assertTrue(Await.until(WAIT, () -> !sdesRegistered()));
            OfferAnswer stopped = answer();
            assertTrue("plain RTP keeps working", stopped.media().get(0).accepted());
            assertFalse(stopped.media().get(1).accepted());
            assertEquals("SRTP refused: no key exchange for RTP/SAVP is running (SDES: bundle dev.siprec.srtp.sdes)",
                    stopped.media().get(1).reason());
            assertTrue(sdp.format(stopped.answer()).contains("m=audio 0 RTP/SAVP 0"));
        } finally {
            sdes.start();
        }
        assertTrue(Await.until(WAIT, this::sdesRegistered));
        OfferAnswer after = answer();
        assertTrue("SDES negotiable again with no restart: " + after.media(), after.media().get(1).accepted());
        assertTrue(sdp.format(after.answer()).contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"));
    }

    private boolean sdesRegistered() {
        return Bundles.registered(context, KeyExchange.class, KeyExchange.NAME, "SDES");
    }

    private OfferAnswer answer() throws Exception {
        try (AnswerSession session = answerer.newSession("IP4", "127.0.0.1")) {
            return session.answer(sdp.parse(MIXED_OFFER),
                    m -> Optional.of(new LocalEndpoint("IP4", "127.0.0.1", 30000 + 2 * m.index(), 30001 + 2 * m.index())));
        }
    }
}
