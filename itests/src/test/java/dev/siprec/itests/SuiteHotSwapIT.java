package dev.siprec.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

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

import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * Suites are plug-ins: a suite bundle installed while the framework runs becomes available, and
 * uninstalling or stopping it takes its suites away, without restarting anything else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SuiteHotSwapIT {
    private static final Duration WAIT = Duration.ofSeconds(30); // generous: CI shares 2 busy cores

    @Inject
    BundleContext context;

    @Inject
    SrtpCryptoSuiteRegistry registry;

    @Inject
    SdpAnswerer answerer;

    @Inject
    SdpCodec sdp;

    /** An offer whose only SRTP suite is AEAD_AES_128_GCM (RFC 7714 §14.2: 16-byte key + 12-byte salt). */
    private static final String GCM_ONLY_OFFER = "v=0\r\n"
            + "o=SRC 1 1 IN IP4 127.0.0.1\r\n"
            + "s=-\r\n"
            + "c=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\n"
            + "m=audio 16000 RTP/SAVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=label:1\r\n"
            + "a=sendonly\r\n"
            + "a=crypto:1 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==\r\n";

    /** An offer whose only SRTP suite is the optional NULL_HMAC_SHA1_80 (16-byte key + 14-byte salt). */
    private static final String NULL_ONLY_OFFER = GCM_ONLY_OFFER.replace(
            "AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==",
            "NULL_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd");

    @Configuration
    public Option[] config() {
        return Distribution.frameworkOptions("suites");
    }

    @Test
    public void defaultSuitesAreRegistered() {
        assertTrue(registry.names().toString(), registry.names().contains("AES_CM_128_HMAC_SHA1_80"));
        assertTrue(registry.names().toString(), registry.names().contains("AES_CM_128_HMAC_SHA1_32"));
        assertTrue(registry.names().toString(), registry.names().contains("AES_256_CM_HMAC_SHA1_80"));
        assertTrue(registry.names().toString(), registry.names().contains("AEAD_AES_128_GCM"));
        assertTrue(registry.names().toString(), registry.names().contains("AEAD_AES_256_GCM"));
        assertFalse("the NULL suite is off by default", registry.names().contains("NULL_HMAC_SHA1_80"));
    }

    @Test
    public void installingASuiteBundleAtRuntimeAddsItAndUninstallingRemovesIt() throws Exception {
        String location = Distribution.jar("optional", "dev.siprec.srtp.suite.null").toUri().toString();
        Bundle bundle = context.installBundle(location);
        bundle.start();
        assertTrue("NULL suite not picked up", Await.until(WAIT, () -> registry.names().contains("NULL_HMAC_SHA1_80")));
        OfferAnswer nullOnly = answer(NULL_ONLY_OFFER);
        assertTrue("deploying the suite is the whole opt-in, no configuration edit: " + nullOnly.failure(),
                nullOnly.acceptable());
        assertTrue(sdp.format(nullOnly.answer()).contains("a=crypto:1 NULL_HMAC_SHA1_80 inline:"));
        bundle.uninstall();
        assertTrue("NULL suite still registered", Await.until(WAIT, () -> !registry.names().contains("NULL_HMAC_SHA1_80")));
        OfferAnswer gone = answer(NULL_ONLY_OFFER);
        assertFalse(gone.acceptable());
        assertTrue(gone.reason(), gone.reason().contains("suite NULL_HMAC_SHA1_80 is not registered"));
    }

    @Test
    public void stoppingTheGcmBundleRemovesOnlyItsSuitesAndStartingBringsThemBack() throws Exception {
        Bundle gcm = Bundles.bundle(context, "dev.siprec.srtp.suite.aesgcm");
        gcm.stop();
        try {
            assertTrue(Await.until(WAIT, () -> !registry.names().contains("AEAD_AES_128_GCM")));
            assertFalse(registry.names().contains("AEAD_AES_256_GCM"));
            assertTrue("AES-CM suites must stay", registry.names().contains("AES_CM_128_HMAC_SHA1_80"));
        } finally {
            gcm.start();
        }
        assertTrue(Await.until(WAIT, () -> registry.names().contains("AEAD_AES_128_GCM")));
    }

    @Test
    public void aGcmOnlyOfferIsRefusedWhileTheGcmBundleIsUninstalledAndAcceptedAfterReinstalling() throws Exception {
        Bundle gcm = Bundles.bundle(context, "dev.siprec.srtp.suite.aesgcm");
        String location = gcm.getLocation();
        gcm.uninstall();
        try {
            assertTrue(Await.until(WAIT, () -> !registry.names().contains("AEAD_AES_128_GCM")));
            OfferAnswer refused = answer();
            assertFalse("a GCM-only offer must not be answered without the GCM suite: " + refused, refused.acceptable());
        } finally {
            context.installBundle(location).start();
        }
        assertTrue(Await.until(WAIT, () -> registry.names().contains("AEAD_AES_128_GCM")));
        OfferAnswer accepted = answer();
        assertTrue("GCM negotiable again after the bundle started: " + accepted.failure(), accepted.acceptable());
        assertTrue(sdp.format(accepted.answer()).contains("a=crypto:1 AEAD_AES_128_GCM inline:"));
    }

    private OfferAnswer answer() throws Exception {
        return answer(GCM_ONLY_OFFER);
    }

    private OfferAnswer answer(String offer) throws Exception {
        try (AnswerSession session = answerer.newSession("IP4", "127.0.0.1")) {
            return session.answer(sdp.parse(offer), m -> java.util.Optional.of(new LocalEndpoint("IP4", "127.0.0.1", 30000, 30001)));
        }
    }
}
