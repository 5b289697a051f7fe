package dev.siprec.sdp.internal;

import java.util.List;

import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SdpLine;
import dev.siprec.sdp.api.SessionDescription;

/**
 * Formats a session description with CRLF line ends in the order of RFC 8866 §5: {@code v o s i u
 * e p c b t r z k a}, then per m-section {@code m i c b k a}; unknown line types follow the known
 * ones of their section, before the attributes.
 */
final class SdpWriter {
    private static final String SESSION_BEFORE_C = "iuep";
    private static final String MEDIA_BEFORE_C = "i";

    private SdpWriter() {
    }

    static String format(SessionDescription d) {
        StringBuilder b = new StringBuilder(512);
        line(b, 'v', Integer.toString(d.version()));
        SessionDescription.Origin o = d.origin();
        line(b, 'o', o.username() + " " + o.sessionId() + " " + o.sessionVersion() + " IN " + o.addressType() + " "
                + o.address());
        line(b, 's', d.sessionName().isEmpty() ? " " : d.sessionName());
        section(b, d.otherLines(), SESSION_BEFORE_C, d.connection(), d.attributes());
        for (MediaDescription m : d.media()) {
            StringBuilder ml = new StringBuilder().append(m.media()).append(' ').append(m.port());
            if (m.numberOfPorts() > 1) {
                ml.append('/').append(m.numberOfPorts());
            }
            ml.append(' ').append(m.protocol());
            for (String f : m.formats()) {
                ml.append(' ').append(f);
            }
            line(b, 'm', ml.toString());
            section(b, m.otherLines(), MEDIA_BEFORE_C, m.connection(), m.attributes());
        }
        return b.toString();
    }

    private static void section(StringBuilder b, List<SdpLine> other, String beforeC, Connection c,
                                List<Attribute> attributes) {
        for (SdpLine l : other) {
            if (beforeC.indexOf(l.type()) >= 0) {
                line(b, l.type(), l.value());
            }
        }
        if (c != null) {
            line(b, 'c', "IN " + c.addressType() + " " + c.address());
        }
        for (SdpLine l : other) {
            if (beforeC.indexOf(l.type()) < 0) {
                line(b, l.type(), l.value());
            }
        }
        for (Attribute a : attributes) {
            line(b, 'a', a.value() == null ? a.name() : a.name() + ":" + a.value());
        }
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(value).append("\r\n");
    }
}
