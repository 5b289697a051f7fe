package dev.siprec.srtp.sdes.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeContext;
import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.kex.api.KeyingProposal;
import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SessionParam;
import dev.siprec.sdp.api.SrtpParameters;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;
import dev.siprec.srtp.api.SrtpPolicy;
import dev.siprec.srtp.api.SrtpTransform;

class SdesSessionTest {
    private static final String CM80 = "AES_CM_128_HMAC_SHA1_80";
    private static final List<String> ORDER = List.of(CM80);

    private final Keys keys = new Keys();
    private final KeyExchange sdes = new SdesKeyExchange(new Registry(), keys, new Codec());
    private final KeyExchangeSession session = sdes.open(new KeyExchangeContext("TLS"));

    private static String key(int bytes, int seed) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return Base64.getEncoder().encodeToString(b);
    }

    private static KeyingRequest request(int index, List<String> disabled, boolean required, String... crypto) {
        List<dev.siprec.sdp.api.Attribute> attrs = new ArrayList<>();
        for (String c : crypto) {
            attrs.add(new dev.siprec.sdp.api.Attribute("crypto", c));
        }
        MediaDescription m = new MediaDescription("audio", 5000, 1, "RTP/SAVP", List.of("0"), null, attrs, List.of());
        SessionDescription offer = new SessionDescription(0, new SessionDescription.Origin("-", "1", 1, "IP4",
                "192.0.2.1"), "-", null, List.of(), List.of(m), List.of());
        return new KeyingRequest(index, offer, m, ORDER, disabled, required);
    }

    private static KeyingRequest request(int index, String... crypto) {
        return request(index, List.of(), false, crypto);
    }

    @Test
    void theContractNamesSdesForSavpWithKeysInSignaling() {
        assertEquals(KeyExchange.SDES, sdes.name());
        assertEquals(Set.of("RTP/SAVP", "RTP/SAVPF"), sdes.protocols());
        assertTrue(sdes.keysInSignaling());
    }

    @Test
    void aCommittedAnswerCarriesAFreshServerKeyAndYieldsTheOfferersKeysToTheEngine() {
        KeyingProposal p = session.propose(request(0, "3 " + CM80 + " inline:" + key(30, 1)));
        assertTrue(p.refusal().isEmpty());
        String answer = p.answerAttributes().get(0).value();
        assertTrue(answer.startsWith("3 " + CM80 + " inline:"), answer);
        assertFalse(answer.contains(key(30, 1)), "the answer carries the server's key, not the offerer's");
        assertTrue(p.keys().ready().toCompletableFuture().isDone());
        assertEquals(KeyExchange.SDES, p.keys().info().source());
        assertEquals(CM80, p.keys().info().suite());
        assertEquals("answerer", p.keys().info().role());
        assertTrue(p.keys().mediaPortHandler().isEmpty(), "SDES keys come from the SDP, not the media port");
        p.commit();
        SrtpPolicy receive = p.keys().receivePolicy();
        byte[] offered = Base64.getDecoder().decode(key(30, 1));
        assertArrayEquals(Arrays.copyOf(offered, 16), receive.keys().get(0).key());
        assertArrayEquals(Arrays.copyOfRange(offered, 16, 30), receive.keys().get(0).salt());
        assertEquals(1, keys.live.size());
        session.close();
        assertEquals(0, keys.live.size());
        assertThrows(IllegalStateException.class, () -> p.keys().receivePolicy());
    }

    @Test
    void anUnchangedReOfferKeepsTheServerKeyAndAChangedOneReplacesAndWipesIt() {
        KeyingProposal first = session.propose(request(0, "1 " + CM80 + " inline:" + key(30, 1)));
        first.commit();
        SrtpParameters a = first.keys().sdesParameters().orElseThrow();
        KeyingProposal same = session.propose(request(0, "1 " + CM80 + " inline:" + key(30, 1)));
        same.commit();
        SrtpParameters b = same.keys().sdesParameters().orElseThrow();
        assertSame(a.localKey(), b.localKey());
        assertFalse(b.localKey().isDestroyed());
        assertEquals(1, keys.issued);
        KeyingProposal changed = session.propose(request(0, "1 " + CM80 + " inline:" + key(30, 2)));
        assertEquals(2, keys.live.size(), "old and proposed keys both live until the answer is committed");
        changed.commit();
        SrtpParameters c = changed.keys().sdesParameters().orElseThrow();
        assertNotSame(a.localKey(), c.localKey());
        assertTrue(a.localKey().isDestroyed());
        assertEquals(1, keys.live.size());
        assertThrows(IllegalStateException.class, () -> first.keys().receivePolicy(), "replaced keys are gone");
    }

    @Test
    void aDiscardedProposalWipesWhatItMadeAndLeavesTheCommittedKeying() {
        KeyingProposal first = session.propose(request(0, "1 " + CM80 + " inline:" + key(30, 1)));
        first.commit();
        KeyingProposal other = session.propose(request(0, "1 " + CM80 + " inline:" + key(30, 5)));
        other.discard();
        assertEquals(1, keys.live.size());
        assertThrows(IllegalStateException.class, () -> other.keys().receivePolicy());
        first.keys().receivePolicy();
        session.release(0);
        assertEquals(0, keys.live.size());
        session.release(0);
    }

    @Test
    void refusalsSayWhy() {
        assertEquals("no acceptable a=crypto: no a=crypto attribute in an SRTP m-line (RFC 4568 §5)",
                session.propose(request(0)).refusal().orElseThrow());
        assertEquals("no acceptable a=crypto: a=crypto 1: suite " + CM80 + " is disabled (dev.siprec.srtp suites.disabled)",
                session.propose(request(0, List.of(CM80), false, "1 " + CM80 + " inline:" + key(30, 1))).refusal().orElseThrow());
        assertEquals("no acceptable a=crypto: a=crypto 2: suite MY_SUITE_32 is not registered (no installed bundle provides it)",
                session.propose(request(0, "2 MY_SUITE_32 inline:" + key(30, 1))).refusal().orElseThrow());
        assertEquals("no acceptable a=crypto: a=crypto 4: UNAUTHENTICATED_SRTP refused: SRTP is required (dev.siprec.srtp "
                + "policy=required)", session.propose(request(0, List.of(), true, "4 " + CM80 + " inline:" + key(30, 1)
                + " UNAUTHENTICATED_SRTP")).refusal().orElseThrow());
        assertEquals("no acceptable a=crypto: a=crypto 5: key is 20 bytes but " + CM80 + " needs 16-byte key + 14-byte "
                + "salt = 30", session.propose(request(0, "5 " + CM80 + " inline:" + key(20, 1))).refusal().orElseThrow());
        keys.exhausted = true;
        assertEquals("no SRTP key available: test: key limit reached",
                session.propose(request(0, "1 " + CM80 + " inline:" + key(30, 1))).refusal().orElseThrow());
        assertEquals(0, keys.live.size());
    }

    /** One registered suite: AES_CM_128_HMAC_SHA1_80's lengths (RFC 4568 §6.2.1); no cryptography here. */
    static final class Registry implements SrtpCryptoSuiteRegistry {
        final SrtpCryptoSuite cm80 = new SrtpCryptoSuite() {
            @Override public String name() { return CM80; }
            @Override public int masterKeyLength() { return 16; }
            @Override public int masterSaltLength() { return 14; }
            @Override public int srtpAuthTagLength() { return 10; }
            @Override public int srtcpAuthTagLength() { return 10; }
            @Override public boolean aead() { return false; }
            @Override public long srtpLifetime() { return 1L << 48; }
            @Override public long srtcpLifetime() { return 1L << 31; }
            @Override public SrtpTransform newTransform(byte[] k, byte[] s, long r, boolean e, boolean a) {
                throw new UnsupportedOperationException("not used by negotiation");
            }
        };

        @Override public Optional<SrtpCryptoSuite> suite(String name) {
            return CM80.equals(name) ? Optional.of(cm80) : Optional.empty();
        }
        @Override public List<String> names() { return List.of(CM80); }
        @Override public List<SuiteInfo> suites() { return List.of(); }
    }

    /** A key manager double that counts live keys. */
    static final class Keys implements KeyManager {
        final Set<SrtpMasterKey> live = ConcurrentHashMap.newKeySet();
        int issued;
        boolean exhausted;

        @Override
        public SrtpMasterKey newMasterKey(int keyLength, int saltLength, long lifetime) {
            if (exhausted) {
                throw new IllegalStateException("test: key limit reached");
            }
            issued++;
            SrtpMasterKey[] self = new SrtpMasterKey[1];
            byte[] k = new byte[keyLength];
            Arrays.fill(k, (byte) issued);
            self[0] = new SrtpMasterKey(k, new byte[saltLength], lifetime, null, () -> live.remove(self[0]));
            live.add(self[0]);
            return self[0];
        }

        @Override
        public int liveKeys() {
            return live.size();
        }
    }

    /**
     * The {@code a=crypto} subset these tests use ({@code <tag> <suite> inline:<base64> [flags]});
     * the full RFC 4568 codec is the sdp bundle's and is tested there.
     */
    static final class Codec implements SdpCodec {
        @Override public SessionDescription parse(byte[] body) { throw new UnsupportedOperationException(); }
        @Override public SessionDescription parse(String text) { throw new UnsupportedOperationException(); }
        @Override public String format(SessionDescription d) { throw new UnsupportedOperationException(); }

        @Override
        public CryptoAttribute parseCrypto(String value) throws SdpParseException {
            String[] f = value.trim().split(" +");
            if (f.length < 3 || !f[2].startsWith("inline:")) {
                throw new SdpParseException(0, "a=crypto: test codec cannot read this");
            }
            List<SessionParam> params = new ArrayList<>();
            for (int i = 3; i < f.length; i++) {
                params.add(new SessionParam(f[i], null));
            }
            return new CryptoAttribute(Long.parseLong(f[0]), f[1],
                    List.of(KeyParam.inline(Base64.getDecoder().decode(f[2].substring(7)), null, null)), params);
        }

        @Override
        public String formatCrypto(CryptoAttribute c) {
            byte[] raw = c.keyParams().get(0).keyAndSalt();
            try {
                return c.tag() + " " + c.suite() + " inline:" + Base64.getEncoder().encodeToString(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
