package dev.siprec.siprec.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.siprec.keys.api.KeyManager;
import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SrtpParameters;

/**
 * The server's re-keying offer (RFC 4568 §7.1.4): the current description (every m-line kept in
 * place, RFC 3264 §8; refused ones with port 0; directions as answered, so recvonly as an SRS
 * offers, RFC 7866 §8.1.2) with a fresh server key in one {@code a=crypto} per SRTP m-line,
 * keeping the tag, suite and session parameters in force. Holds the fresh keys until
 * {@link #close()}; {@link #toString()} shows no key.
 */
final class RekeyOffer implements AutoCloseable {

    /** What was offered on one m-line. */
    record Offered(int index, String streamKey, SrtpParameters previous, CryptoAttribute crypto, SrtpMasterKey key) {
        @Override
        public String toString() {
            return "Offered[" + index + ", " + streamKey + ", " + previous.suite() + "]";
        }
    }

    private final SessionDescription description;
    private final Map<Integer, Offered> offered;

    private RekeyOffer(SessionDescription description, Map<Integer, Offered> offered) {
        this.description = description;
        this.offered = offered;
    }

    SessionDescription description() {
        return description;
    }

    Map<Integer, Offered> offered() {
        return offered;
    }

    /**
     * @param last the last description sent (the answer in force)
     * @param srtp open SRTP streams by m-line index
     * @throws IllegalStateException when the key manager cannot supply a key
     */
    static RekeyOffer build(SessionDescription last, Map<Integer, StreamBinding> srtp, KeyManager keys, SdpCodec codec) {
        Map<Integer, Offered> offered = new TreeMap<>();
        List<MediaDescription> media = new ArrayList<>();
        try {
            for (int i = 0; i < last.media().size(); i++) {
                MediaDescription m = last.media().get(i);
                StreamBinding b = srtp.get(i);
                if (m.port() == 0 || b == null) {
                    media.add(m);
                    continue;
                }
                SrtpParameters p = b.negotiated.srtp();
                SrtpMasterKey key = keys.newMasterKey(p.keyLength(), p.saltLength(), 0);
                byte[] raw = key.keyAndSalt();
                CryptoAttribute crypto;
                try {
                    crypto = new CryptoAttribute(p.tag(), p.suite(), List.of(KeyParam.inline(raw, null, null)),
                            p.local().sessionParams());
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
                offered.put(i, new Offered(i, b.key, p, crypto, key));
                List<Attribute> attrs = new ArrayList<>();
                boolean placed = false;
                for (Attribute a : m.attributes()) {
                    if (a.name().equalsIgnoreCase("crypto")) {
                        if (!placed) {
                            attrs.add(new Attribute("crypto", codec.formatCrypto(crypto)));
                            placed = true;
                        }
                    } else {
                        attrs.add(a);
                    }
                }
                if (!placed) {
                    attrs.add(new Attribute("crypto", codec.formatCrypto(crypto)));
                }
                media.add(new MediaDescription(m.media(), m.port(), m.numberOfPorts(), m.protocol(), m.formats(),
                        m.connection(), attrs, m.otherLines()));
            }
        } catch (RuntimeException e) {
            offered.values().forEach(RekeyOffer::wipe);
            throw e;
        }
        SessionDescription sdp = new SessionDescription(last.version(), last.origin(), last.sessionName(),
                last.connection(), last.attributes(), media, last.otherLines());
        return new RekeyOffer(sdp, offered);
    }

    private static void wipe(Offered o) {
        o.crypto().close();
        o.key().close();
    }

    /** Wipes the fresh keys: they only served the offer (the server sends no SRTCP of its own here). */
    @Override
    public void close() {
        offered.values().forEach(RekeyOffer::wipe);
    }

    @Override
    public String toString() {
        return "RekeyOffer[" + offered.values() + "]";
    }
}
