package dev.siprec.srtp.dtls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyingProposal;
import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SessionDescription;

/** The SDP side: a=setup and a=fingerprint in, answer attributes and associations out. */
class DtlsSessionTest {
    static final String FP = "sha-256 " + "AB:".repeat(31) + "AB";
    static final List<String> SUITES = List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM");

    final DtlsEngine engine = new DtlsEngine(DtlsSettings.defaults());
    final DtlsSession session = new DtlsSession(engine);

    @AfterEach
    void close() {
        session.close();
        engine.close();
    }

    static KeyingRequest request(List<Attribute> mediaAttrs, List<Attribute> sessionAttrs, List<String> suites) {
        MediaDescription m = new MediaDescription("audio", 40000, "UDP/TLS/RTP/SAVP", List.of("0"),
                null, mediaAttrs);
        SessionDescription sdp = new SessionDescription(0, new SessionDescription.Origin("-", "1", 1, "IP4", "127.0.0.1"),
                "-", new Connection("IP4", "127.0.0.1"), sessionAttrs, List.of(m));
        return new KeyingRequest(0, sdp, m, suites, List.of(), false);
    }

    @Test
    void actpassIsAnsweredPassiveWithTheServerFingerprint() {
        KeyingProposal p = session.propose(request(List.of(new Attribute("setup", "actpass"), new Attribute("fingerprint", FP)),
                List.of(), SUITES));
        assertTrue(p.refusal().isEmpty());
        assertEquals(List.of(new Attribute("setup", "passive"),
                new Attribute("fingerprint", engine.identities().current().fingerprint().format())), p.answerAttributes().subList(0, 2));
        assertEquals("tls-id", p.answerAttributes().get(2).name());
        assertTrue(p.answerAttributes().get(2).value().matches("[A-Za-z0-9+/_-]{20,255}"), p.answerAttributes().get(2).value());
        assertEquals(KeyExchange.DTLS, p.keys().info().source());
        assertEquals("server", p.keys().info().role());
        assertEquals(FP, p.keys().info().peerFingerprint());
        assertTrue(p.keys().mediaPortHandler().isPresent());
        assertTrue(p.answerAttributes().get(1).value().startsWith("sha-256 "));
        p.commit();
        assertEquals(1, session.associations());
    }

    @Test
    void passiveOfferMakesTheServerTheClientAndSessionLevelFingerprintCounts() {
        KeyingProposal p = session.propose(request(List.of(new Attribute("setup", "passive")),
                List.of(new Attribute("fingerprint", FP)), SUITES));
        assertEquals(new Attribute("setup", "active"), p.answerAttributes().get(0));
        assertEquals("client", p.keys().info().role());
        p.discard();
        assertTrue(((Association) p.keys()).wiped());
    }

    @Test
    void refusals() {
        assertRefused("a=fingerprint missing", List.of(new Attribute("setup", "actpass")), SUITES);
        assertRefused("no sha-256", List.of(new Attribute("fingerprint", "sha-1 " + "AB:".repeat(19) + "AB")), SUITES);
        assertRefused("a=setup:holdconn", List.of(new Attribute("setup", "holdconn"), new Attribute("fingerprint", FP)), SUITES);
        assertRefused("no negotiable SRTP suite has a DTLS-SRTP profile",
                List.of(new Attribute("fingerprint", FP)), List.of("AES_256_CM_HMAC_SHA1_80"));
    }

    private void assertRefused(String reason, List<Attribute> attrs, List<String> suites) {
        KeyingProposal p = session.propose(request(attrs, List.of(), suites));
        assertTrue(p.refusal().orElse("").contains(reason), () -> p.refusal().orElse("accepted"));
        assertTrue(p.answerAttributes().isEmpty());
    }

    @Test
    void unchangedReofferKeepsTheAssociationAndChangedOneReplacesIt() {
        List<Attribute> attrs = List.of(new Attribute("setup", "actpass"), new Attribute("fingerprint", FP));
        KeyingProposal first = session.propose(request(attrs, List.of(), SUITES));
        first.commit();
        KeyingProposal same = session.propose(request(attrs, List.of(), SUITES));
        assertSame(first.keys(), same.keys());
        same.commit();
        assertTrue(((Association) first.keys()).usable());

        List<Attribute> changed = new ArrayList<>(List.of(new Attribute("setup", "actpass"),
                new Attribute("fingerprint", "sha-256 " + "CD:".repeat(31) + "CD")));
        KeyingProposal other = session.propose(request(changed, List.of(), SUITES));
        assertNotSame(first.keys(), other.keys());
        other.commit();
        assertTrue(((Association) first.keys()).wiped(), "the replaced association is closed");
        session.release(0);
        assertTrue(((Association) other.keys()).wiped());
        assertEquals(0, session.associations());
    }

    @Test
    void tlsIdDecidesWhetherAReofferKeepsTheAssociation() {
        String id = "offerer-tls-id-0123456789";
        List<Attribute> attrs = List.of(new Attribute("setup", "actpass"), new Attribute("fingerprint", FP), new Attribute("tls-id", id));
        KeyingProposal first = session.propose(request(attrs, List.of(), SUITES));
        first.commit();
        String ours = first.answerAttributes().get(2).value();

        KeyingProposal same = session.propose(request(attrs, List.of(), SUITES));
        assertSame(first.keys(), same.keys());
        assertEquals(new Attribute("tls-id", ours), same.answerAttributes().get(2), "RFC 8842 §5.4: unchanged tls-id, same answer");
        same.commit();

        KeyingProposal renewed = session.propose(request(List.of(new Attribute("setup", "actpass"), new Attribute("fingerprint", FP),
                new Attribute("tls-id", id + "-new")), List.of(), SUITES));
        assertNotSame(first.keys(), renewed.keys(), "a new tls-id asks for a new association with the same certificate");
        assertTrue(!ours.equals(renewed.answerAttributes().get(2).value()), "and gets a new tls-id of ours");
        renewed.commit();
        assertTrue(((Association) first.keys()).wiped());

        KeyingProposal dropped = session.propose(request(List.of(new Attribute("setup", "actpass"), new Attribute("fingerprint", FP)),
                List.of(), SUITES));
        assertNotSame(renewed.keys(), dropped.keys(), "a re-offer without the tls-id it had is not the same association");
        dropped.discard();
    }

    @Test
    void malformedTlsIdIsRefused() {
        assertRefused("a=tls-id malformed", List.of(new Attribute("fingerprint", FP), new Attribute("tls-id", "short")), SUITES);
        assertRefused("a=tls-id malformed", List.of(new Attribute("fingerprint", FP), new Attribute("tls-id", "x".repeat(19) + "!")), SUITES);
        assertRefused("a=tls-id malformed", List.of(new Attribute("fingerprint", FP), new Attribute("tls-id", "y".repeat(256))), SUITES);
    }

    @Test
    void closeWipesEverything() {
        KeyingProposal p = session.propose(request(List.of(new Attribute("fingerprint", FP)), List.of(), SUITES));
        p.commit();
        session.close();
        assertTrue(((Association) p.keys()).wiped());
    }
}
