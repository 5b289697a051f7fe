package dev.siprec.sdp.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.kex.api.KeyingProposal;
import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.Direction;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.RemoteEndpoint;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SrtpParameters;

/**
 * Applies the recorder's answer rules to one offered m-line (RFC 3264 §6, RFC 7866 §8.1.1): audio
 * over RTP/AVP(F), or a secure profile whose key exchange is running, as the key policy allows; a
 * decodable codec; a unicast address; for SRTP, the key exchange's acceptance (SDES: an acceptable
 * {@code a=crypto}). The result has no local endpoint yet; the keying proposal is not committed.
 */
final class MediaNegotiator {
    private static final Logger LOG = LoggerFactory.getLogger(MediaNegotiator.class);
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");

    /** SDP protocols of secure RTP that some key exchange may handle, and the bundle that would. */
    private static final Map<String, String> SECURE = Map.of(
            "RTP/SAVP", "SDES: bundle dev.siprec.srtp.sdes",
            "RTP/SAVPF", "SDES: bundle dev.siprec.srtp.sdes",
            "UDP/TLS/RTP/SAVP", "DTLS-SRTP, RFC 5764",
            "UDP/TLS/RTP/SAVPF", "DTLS-SRTP, RFC 5764");

    /** One m-line's proposal: accepted or refused, with the key exchange's proposal for SRTP. */
    record Proposal(NegotiatedMedia media, KeyExchange kex, KeyingProposal keying) {
    }

    /** Gives the answer session's state of a key exchange, opened on first use. */
    @FunctionalInterface
    interface Sessions {
        KeyExchangeSession of(KeyExchange kex);
    }

    private final CodecSelector codecs;
    private final SrtpNegotiationConfig.Settings srtp;
    private final SuitePreferencesImpl.Order order;
    private final KeyExchanges kexes;
    private final String sipTransport;

    /**
     * @param sipTransport the SIP transport of the dialog, or {@code null} when unknown
     */
    MediaNegotiator(CodecSelector codecs, SrtpNegotiationConfig.Settings srtp, SuitePreferencesImpl.Order order,
                    KeyExchanges kexes, String sipTransport) {
        this.codecs = codecs;
        this.srtp = srtp;
        this.order = order;
        this.kexes = kexes;
        this.sipTransport = sipTransport;
    }

    Proposal evaluate(SessionDescription offer, int index, Sessions sessions) {
        MediaDescription m = offer.media().get(index);
        Direction offered = offer.directionOf(m);
        Direction answer = offered.sends() ? Direction.RECVONLY : Direction.INACTIVE;
        Line line = new Line(index, m, offered, answer);
        if (m.port() == 0) {
            return line.refuse("disabled by the offerer (port 0)");
        }
        if (!"audio".equalsIgnoreCase(m.media())) {
            return line.refuse("only audio is recorded; " + m.media() + " refused");
        }
        String proto = m.protocol().toUpperCase(Locale.ROOT);
        boolean secure = !"RTP/AVP".equals(proto) && !"RTP/AVPF".equals(proto);
        KeyExchange kex = secure ? kexes.forProtocol(proto).orElse(null) : null;
        if (secure && kex == null && !SECURE.containsKey(proto)) {
            return line.refuse("transport protocol " + m.protocol() + " is not supported");
        }
        if (!secure && srtp.policy() == KeyPolicy.REQUIRED) {
            return line.refuse("plain RTP refused: SRTP is required (dev.siprec.srtp policy=required)");
        }
        if (secure && srtp.policy() == KeyPolicy.OFF) {
            return line.refuse("SRTP refused: dev.siprec.srtp policy=off");
        }
        if (secure && kex == null) {
            return line.refuse("SRTP refused: no key exchange for " + m.protocol() + " is running ("
                    + SECURE.get(proto) + ")");
        }
        if (m.numberOfPorts() > 1) {
            return line.refuse("several ports in one m-line (layered encoding) are not supported");
        }
        Connection c = offer.connectionOf(m);
        if (c == null) {
            return line.refuse("no c= line applies to this m-line (RFC 8866 §5.7)");
        }
        if (c.hasMulticastSuffix()) {
            return line.refuse("multicast address " + c.address() + " is not supported");
        }
        List<Codec> offeredCodecs = CodecSelector.offered(m);
        List<Codec> selected = codecs.select(offeredCodecs);
        if (selected.stream().noneMatch(Codec::isAudio)) {
            return line.refuse("none of the offered codecs can be recorded (offered: " + describe(offeredCodecs, m)
                    + "; supported: " + codecs.supported() + ")");
        }
        boolean mux = m.hasAttribute("rtcp-mux");
        RemoteEndpoint remote = remote(c, m, mux);
        KeyingProposal keying = null;
        if (kex != null) {
            if (keysInSignaling(kex) && !srtp.sdesAllowedOver(sipTransport)) {
                return line.refuse("SDES keys (a=crypto) refused over SIP transport "
                        + (sipTransport == null ? "(unknown)" : sipTransport) + ": dev.siprec.srtp sdes.transports allows "
                        + "only " + String.join(", ", new TreeSet<>(srtp.sdesTransports()))
                        + " (RFC 4568 §8.3: keys in SDP need a confidential signaling channel)");
            }
            keying = propose(kex, sessions, new KeyingRequest(index, offer, m, order.negotiable(),
                    List.copyOf(new TreeSet<>(order.disabled())), srtp.policy() == KeyPolicy.REQUIRED));
            if (keying.refusal().isPresent()) {
                keying.discard();
                return line.refuse(keying.refusal().get());
            }
        }
        SrtpParameters sdes = keying == null || keying.keys() == null ? null
                : keying.keys().sdesParameters().orElse(null);
        NegotiatedMedia nm = new NegotiatedMedia(index, m.media(), m.protocol(), m.label().orElse(null), true, null,
                selected, offered, answer, mux, ptime(m), remote, null, sdes);
        return new Proposal(nm, kex, keying);
    }

    /** Asks a key exchange for its proposal, containing its failure to this m-line. */
    private static KeyingProposal propose(KeyExchange kex, Sessions sessions, KeyingRequest request) {
        try {
            KeyingProposal p = sessions.of(kex).propose(request);
            if (p == null || p.refusal() == null || (p.refusal().isEmpty() && p.keys() == null)) {
                LOG.warn("key exchange {} returned an invalid proposal for m-line {}", kex.name(), request.index());
                if (p != null) {
                    p.discard();
                }
                return KeyingProposal.refused("key exchange " + kex.name() + " failed");
            }
            return p;
        } catch (RuntimeException e) {
            LOG.warn("key exchange {} failed on m-line {}", kex.name(), request.index(), e);
            return KeyingProposal.refused("key exchange " + kex.name() + " failed: " + e.getClass().getSimpleName());
        }
    }

    private static boolean keysInSignaling(KeyExchange kex) {
        try {
            return kex.keysInSignaling();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static RemoteEndpoint remote(Connection c, MediaDescription m, boolean mux) {
        int rtcpPort = mux ? m.port() : Math.min(65535, m.port() + 1);
        String rtcpAddress = c.address();
        var rtcp = m.attribute("rtcp");
        if (rtcp.isPresent()) {
            // RFC 3605: a=rtcp:<port> [IN <addrtype> <address>]
            String[] f = WHITESPACE.split(rtcp.get().trim());
            if (Addresses.allDigits(f[0]) && f[0].length() <= 5 && Integer.parseInt(f[0]) <= 65535
                    && Integer.parseInt(f[0]) > 0) {
                rtcpPort = Integer.parseInt(f[0]);
                if (f.length == 4 && "IN".equals(f[1]) && Addresses.fits(f[2], f[3])) {
                    rtcpAddress = f[3];
                }
            }
        }
        return new RemoteEndpoint(c.addressType(), c.address(), m.port(), rtcpAddress, rtcpPort);
    }

    private static int ptime(MediaDescription m) {
        String v = m.attribute("ptime").orElse("").trim();
        return Addresses.allDigits(v) && v.length() <= 4 ? Integer.parseInt(v) : 0;
    }

    private static String describe(List<Codec> offered, MediaDescription m) {
        if (offered.isEmpty()) {
            return "payload types " + String.join(" ", m.formats()) + " without rtpmap";
        }
        return offered.stream().map(c -> c.encoding() + "/" + c.clockRate()).collect(Collectors.joining(", "));
    }

    /** The fields every outcome of one m-line shares. */
    private record Line(int index, MediaDescription m, Direction offered, Direction answer) {
        Proposal refuse(String reason) {
            return new Proposal(new NegotiatedMedia(index, m.media(), m.protocol(), m.label().orElse(null), false,
                    reason, List.of(), offered, answer, m.hasAttribute("rtcp-mux"), 0, null, null, null), null, null);
        }
    }
}
