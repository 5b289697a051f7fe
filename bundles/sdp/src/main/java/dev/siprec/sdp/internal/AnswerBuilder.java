package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.List;

import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.NegotiatedMedia;
import dev.siprec.sdp.api.SdpLine;
import dev.siprec.sdp.api.SessionDescription;
import dev.siprec.sdp.api.SessionDescription.Origin;

/**
 * Writes the answer (RFC 3264 §6): one m-line per offered m-line, in order; refused ones with port
 * 0 and the offered formats; accepted ones with the server's endpoint, the chosen formats with
 * {@code a=rtpmap}/{@code a=fmtp}, the direction, {@code a=label}, {@code a=rtcp-mux} when offered,
 * {@code a=rtcp} when RTCP is not on port + 1 (RFC 3605) and, for SRTP, the key exchange's
 * attributes ({@code a=crypto} for SDES).
 */
final class AnswerBuilder {
    private AnswerBuilder() {
    }

    static SessionDescription build(Origin origin, SessionDescription offer, List<MediaNegotiator.Proposal> proposals) {
        List<NegotiatedMedia> media = proposals.stream().map(MediaNegotiator.Proposal::media).toList();
        Connection session = null;
        for (NegotiatedMedia nm : media) {
            if (nm.accepted()) {
                session = new Connection(nm.local().addressType(), nm.local().address());
                break;
            }
        }
        if (session == null) {
            session = new Connection(origin.addressType(), origin.address());
        }
        List<MediaDescription> lines = new ArrayList<>();
        for (MediaNegotiator.Proposal p : proposals) {
            NegotiatedMedia nm = p.media();
            MediaDescription offered = offer.media().get(nm.index());
            lines.add(nm.accepted() ? accepted(nm, p.keying() == null ? List.of() : p.keying().answerAttributes(), session)
                    : refused(offered));
        }
        return new SessionDescription(0, origin, "-", session, List.of(), lines, List.of(new SdpLine('t', "0 0")));
    }

    private static MediaDescription refused(MediaDescription offered) {
        return new MediaDescription(offered.media(), 0, 1, offered.protocol(), offered.formats(), null, List.of(),
                List.of());
    }

    private static MediaDescription accepted(NegotiatedMedia nm, List<Attribute> keying, Connection session) {
        LocalEndpoint local = nm.local();
        List<String> formats = new ArrayList<>();
        List<Attribute> attrs = new ArrayList<>();
        for (Codec c : nm.codecs()) {
            formats.add(Integer.toString(c.payloadType()));
            attrs.add(new Attribute("rtpmap", c.rtpmap()));
            if (c.fmtp() != null && !c.fmtp().isEmpty()) {
                attrs.add(new Attribute("fmtp", c.payloadType() + " " + c.fmtp()));
            }
        }
        if (nm.ptime() > 0) {
            attrs.add(new Attribute("ptime", Integer.toString(nm.ptime())));
        }
        attrs.add(new Attribute(nm.direction().attributeName(), null));
        if (nm.rtcpMux()) {
            attrs.add(new Attribute("rtcp-mux", null));
        } else if (local.rtcpPort() != local.rtpPort() + 1) {
            attrs.add(new Attribute("rtcp", Integer.toString(local.rtcpPort())));
        }
        if (nm.label() != null) {
            attrs.add(new Attribute("label", nm.label()));
        }
        attrs.addAll(keying);
        Connection own = new Connection(local.addressType(), local.address());
        return new MediaDescription(nm.media(), local.rtpPort(), 1, nm.protocol(), formats,
                own.equals(session) ? null : own, attrs, List.of());
    }
}
