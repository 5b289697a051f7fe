package dev.siprec.sdp.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.Direction;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.RemoteEndpoint;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * Applies the recorder's answer rules to one offered m-line (RFC 3264 §6, RFC 7866 §8.1.1): audio
 * over RTP/AVP(F) or RTP/SAVP(F) as the key policy allows, a decodable codec, a unicast address and,
 * for SRTP, an acceptable {@code a=crypto}. The result has no local endpoint and no server key yet.
 */
final class MediaNegotiator {
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");

    /** One m-line's proposal: accepted or refused, with the chosen crypto for SRTP. */
    record Proposal(NegotiatedMedia media, CryptoNegotiator.Choice crypto) {
    }

    private final CodecSelector codecs;
    private final SrtpNegotiationConfig.Settings srtp;
    private final SuitePreferencesImpl.Order order;
    private final SrtpCryptoSuiteRegistry registry;
    private final String sipTransport;

    /**
     * @param sipTransport the SIP transport of the dialog, or {@code null} when unknown
     */
    MediaNegotiator(CodecSelector codecs, SrtpNegotiationConfig.Settings srtp, SuitePreferencesImpl.Order order,
                    SrtpCryptoSuiteRegistry registry, String sipTransport) {
        this.codecs = codecs;
        this.srtp = srtp;
        this.order = order;
        this.registry = registry;
        this.sipTransport = sipTransport;
    }

    Proposal evaluate(SessionDescription offer, int index) {
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
        boolean secure;
        switch (proto) {
            case "RTP/AVP", "RTP/AVPF" -> secure = false;
            case "RTP/SAVP", "RTP/SAVPF" -> secure = true;
            case "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF" -> {
                return line.refuse("DTLS-SRTP (" + m.protocol() + ") is not supported yet");
            }
            default -> {
                return line.refuse("transport protocol " + m.protocol() + " is not supported");
            }
        }
        if (!secure && srtp.policy() == KeyPolicy.REQUIRED) {
            return line.refuse("plain RTP refused: SRTP is required (dev.siprec.srtp policy=required)");
        }
        if (secure && srtp.policy() == KeyPolicy.OFF) {
            return line.refuse("SRTP refused: dev.siprec.srtp policy=off");
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
        CryptoNegotiator.Choice choice = null;
        if (secure) {
            if (!srtp.sdesAllowedOver(sipTransport)) {
                return line.refuse("SDES keys (a=crypto) refused over SIP transport "
                        + (sipTransport == null ? "(unknown)" : sipTransport) + ": dev.siprec.srtp sdes.transports allows "
                        + "only " + String.join(", ", new java.util.TreeSet<>(srtp.sdesTransports()))
                        + " (RFC 4568 §8.3: keys in SDP need a confidential signaling channel)");
            }
            CryptoNegotiator.Result r = CryptoNegotiator.choose(m, order, registry, srtp.policy() == KeyPolicy.REQUIRED);
            if (r.choice() == null) {
                return line.refuse("no acceptable a=crypto: " + r.reason());
            }
            choice = r.choice();
        }
        NegotiatedMedia nm = new NegotiatedMedia(index, m.media(), m.protocol(), m.label().orElse(null), true, null,
                selected, offered, answer, mux, ptime(m), remote, null, null);
        return new Proposal(nm, choice);
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
                    reason, List.of(), offered, answer, m.hasAttribute("rtcp-mux"), 0, null, null, null), null);
        }
    }
}
