package dev.siprec.siprec.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.siprec.srtp.api.SrtpMasterKey;
import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.Direction;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.RemoteEndpoint;
import dev.siprec.sdp.api.SdpAnswerer;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SrtpParameters;

/**
 * A small receive-only answerer (RFC 3264 §6 as the SRS applies it): audio m-lines with PCMU, PCMA,
 * G722 or opus accepted recvonly (inactive when the offer does not send), others refused; SDES
 * keys kept while the offered crypto is unchanged, like the real answer session.
 */
final class FakeSdp implements SdpAnswerer {
    final SdpCodec codec;
    final List<Session> sessions = new ArrayList<>();

    FakeSdp(SdpCodec codec) {
        this.codec = codec;
    }

    @Override
    public AnswerSession newSession(String originAddressType, String originAddress) {
        Session s = new Session(originAddressType, originAddress);
        sessions.add(s);
        return s;
    }

    final class Session implements AnswerSession {
        final String addressType;
        final String address;
        long version;
        SessionDescription last;
        boolean closed;
        final Map<Integer, SrtpParameters> srtp = new HashMap<>();

        Session(String addressType, String address) {
            this.addressType = addressType;
            this.address = address;
        }

        @Override
        public synchronized OfferAnswer answer(SessionDescription offer, MediaEndpoints endpoints) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            List<NegotiatedMedia> result = new ArrayList<>();
            List<MediaDescription> out = new ArrayList<>();
            for (int i = 0; i < offer.media().size(); i++) {
                MediaDescription m = offer.media().get(i);
                NegotiatedMedia nm = evaluate(offer, m, i);
                if (nm.accepted()) {
                    Optional<LocalEndpoint> local = endpoints.endpoint(nm);
                    if (local.isEmpty()) {
                        nm = refuse(nm, "no local media endpoint available");
                    } else {
                        nm = complete(nm, local.get(), m);
                    }
                }
                result.add(nm);
                out.add(describe(nm, m));
            }
            if (result.stream().noneMatch(NegotiatedMedia::accepted)) {
                return new OfferAnswer(null, result, "no acceptable audio stream");
            }
            version++;
            last = new SessionDescription(0, new SessionDescription.Origin("-", "4242", version, addressType, address), "-",
                    null, List.of(), out);
            for (NegotiatedMedia nm : result) {
                if (nm.srtp() != null) {
                    srtp.put(nm.index(), nm.srtp());
                }
            }
            return new OfferAnswer(last, result, null);
        }

        private NegotiatedMedia evaluate(SessionDescription offer, MediaDescription m, int i) {
            Direction offered = offer.directionOf(m);
            Direction dir = offered.sends() ? Direction.RECVONLY : Direction.INACTIVE;
            String label = m.label().orElse(null);
            if (!"audio".equals(m.media()) || m.port() == 0) {
                return new NegotiatedMedia(i, m.media(), m.protocol(), label, false, "not an audio stream", List.of(), offered,
                        dir, false, 0, null, null, null);
            }
            List<Codec> codecs = codecs(m);
            if (codecs.stream().noneMatch(Codec::isAudio)) {
                return new NegotiatedMedia(i, m.media(), m.protocol(), label, false, "no codec the server decodes", List.of(),
                        offered, dir, false, 0, null, null, null);
            }
            Connection c = offer.connectionOf(m);
            RemoteEndpoint remote = new RemoteEndpoint(c.addressType(), c.address(), m.port(), c.address(),
                    m.hasAttribute("rtcp-mux") ? m.port() : m.port() + 1);
            return new NegotiatedMedia(i, m.media(), m.protocol(), label, true, null, codecs, offered, dir,
                    m.hasAttribute("rtcp-mux"), m.attribute("ptime").map(Integer::parseInt).orElse(0), remote, null, null);
        }

        private NegotiatedMedia complete(NegotiatedMedia nm, LocalEndpoint local, MediaDescription m) {
            SrtpParameters params = null;
            if (nm.protocol().contains("SAVP")) {
                CryptoAttribute remote;
                try {
                    remote = codec.parseCrypto(m.attributes("crypto").get(0));
                } catch (SdpParseException | IndexOutOfBoundsException e) {
                    return refuse(nm, "no usable crypto");
                }
                SrtpParameters prev = srtp.get(nm.index());
                if (prev != null && prev.remote().equals(remote)) {
                    params = new SrtpParameters(prev.suite(), 16, 14, remote, prev.local(), prev.localKey());
                } else {
                    byte[] k = new byte[16];
                    byte[] s = new byte[14];
                    ThreadLocalRandom.current().nextBytes(k);
                    ThreadLocalRandom.current().nextBytes(s);
                    SrtpMasterKey key = new SrtpMasterKey(k, s, 0, null);
                    CryptoAttribute local2 = new CryptoAttribute(remote.tag(), remote.suite(),
                            List.of(KeyParam.inline(key.keyAndSalt(), null, null)), List.of());
                    params = new SrtpParameters(remote.suite(), 16, 14, remote, local2, key);
                }
            }
            return new NegotiatedMedia(nm.index(), nm.media(), nm.protocol(), nm.label(), true, null, nm.codecs(),
                    nm.offeredDirection(), nm.direction(), nm.rtcpMux(), nm.ptime(), nm.remote(), local, params);
        }

        private NegotiatedMedia refuse(NegotiatedMedia nm, String reason) {
            return new NegotiatedMedia(nm.index(), nm.media(), nm.protocol(), nm.label(), false, reason, List.of(),
                    nm.offeredDirection(), nm.direction(), nm.rtcpMux(), 0, null, null, null);
        }

        private MediaDescription describe(NegotiatedMedia nm, MediaDescription offered) {
            if (!nm.accepted()) {
                return offered.withPort(0);
            }
            List<Attribute> attrs = new ArrayList<>();
            List<String> formats = new ArrayList<>();
            for (Codec c : nm.codecs()) {
                formats.add(Integer.toString(c.payloadType()));
                attrs.add(new Attribute("rtpmap", c.rtpmap()));
            }
            if (nm.label() != null) {
                attrs.add(new Attribute("label", nm.label()));
            }
            attrs.add(new Attribute(nm.direction().attributeName(), null));
            if (nm.rtcpMux()) {
                attrs.add(new Attribute("rtcp-mux", null));
            }
            if (nm.srtp() != null) {
                attrs.add(new Attribute("crypto", codec.formatCrypto(nm.srtp().local())));
            }
            return new MediaDescription("audio", nm.local().rtpPort(), nm.protocol(), formats,
                    new Connection(nm.local().addressType(), nm.local().address()), attrs);
        }

        @Override
        public synchronized SessionDescription lastAnswer() {
            return last;
        }

        @Override
        public synchronized void close() {
            closed = true;
            srtp.values().forEach(p -> p.localKey().close());
        }
    }

    static List<Codec> codecs(MediaDescription m) {
        Map<Integer, String[]> rtpmap = new HashMap<>();
        for (String v : m.attributes("rtpmap")) {
            String[] pt = v.split(" ", 2);
            rtpmap.put(Integer.parseInt(pt[0]), pt[1].split("/"));
        }
        List<Codec> out = new ArrayList<>();
        for (String f : m.formats()) {
            int pt = Integer.parseInt(f);
            String[] map = rtpmap.get(pt);
            String name = map != null ? map[0] : pt == 0 ? "PCMU" : pt == 8 ? "PCMA" : pt == 9 ? "G722" : "unknown";
            int rate = map != null ? Integer.parseInt(map[1]) : 8000;
            String n = name.toUpperCase(Locale.ROOT);
            if (List.of("PCMU", "PCMA", "G722", "OPUS", "TELEPHONE-EVENT", "CN").contains(n)) {
                out.add(new Codec(pt, name, rate, map != null && map.length > 2 ? Integer.parseInt(map[2]) : 1, null));
            }
        }
        return out;
    }
}
