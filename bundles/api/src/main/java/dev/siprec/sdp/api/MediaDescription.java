package dev.siprec.sdp.api;

import java.util.List;
import java.util.Optional;

/**
 * One {@code m=} section (RFC 8866 §5.14) with its own {@code c=}, attributes and other lines.
 *
 * @param media {@code audio}, {@code video}, {@code application}, ...
 * @param port transport port; 0 means the stream is refused or disabled (RFC 3264 §6)
 * @param numberOfPorts the {@code /<number of ports>} of the m-line, 1 when absent
 * @param protocol {@code RTP/AVP}, {@code RTP/SAVP}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVP}, ...
 * @param formats payload types (or format tokens) in preference order
 * @param connection the media-level {@code c=}, or {@code null} to use the session's
 * @param attributes the media-level attributes in order
 * @param otherLines the media-level {@code i=}, {@code b=}, {@code k=} and unknown lines in order
 */
public record MediaDescription(String media, int port, int numberOfPorts, String protocol, List<String> formats,
                               Connection connection, List<Attribute> attributes, List<SdpLine> otherLines) {

    public MediaDescription {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        if (numberOfPorts < 1) {
            throw new IllegalArgumentException("number of ports must be at least 1: " + numberOfPorts);
        }
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
        otherLines = List.copyOf(otherLines);
    }

    /** A section with one port and no other lines. */
    public MediaDescription(String media, int port, String protocol, List<String> formats,
                            Connection connection, List<Attribute> attributes) {
        this(media, port, 1, protocol, formats, connection, attributes, List.of());
    }

    /** @return the value of the first attribute named {@code name}; a property attribute yields an empty string. */
    public Optional<String> attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase(name)) {
                return Optional.of(a.value() == null ? "" : a.value());
            }
        }
        return Optional.empty();
    }

    /** @return the values of all attributes named {@code name}. */
    public List<String> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(name))
                .map(a -> a.value() == null ? "" : a.value()).toList();
    }

    /** @return {@code true} when an attribute named {@code name} is present. */
    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** @return the {@code a=rtpmap} value for payload type {@code pt} (RFC 8866 §6.6), e.g. {@code 0 PCMU/8000}. */
    public Optional<String> rtpmap(int pt) {
        return parameterOf("rtpmap", pt);
    }

    /** @return the format parameters of {@code a=fmtp} for payload type {@code pt} (RFC 8866 §6.15), without the type. */
    public Optional<String> fmtp(int pt) {
        return parameterOf("fmtp", pt).map(v -> {
            int sp = v.indexOf(' ');
            return sp < 0 ? "" : v.substring(sp + 1).trim();
        });
    }

    private Optional<String> parameterOf(String name, int pt) {
        String prefix = Integer.toString(pt);
        for (String v : attributes(name)) {
            String t = v.trim();
            if (t.startsWith(prefix) && (t.length() == prefix.length() || t.charAt(prefix.length()) == ' ')) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** @return the {@code a=label} value (RFC 4574) that ties this stream to the recording metadata. */
    public Optional<String> label() {
        return attribute("label");
    }

    /** @return the direction attribute of this section (RFC 3264 §5.1), if any. */
    public Optional<Direction> direction() {
        for (Attribute a : attributes) {
            Optional<Direction> d = Direction.ofAttribute(a.name());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** @return this section with another port, as in a refusal (port 0, RFC 3264 §6). */
    public MediaDescription withPort(int newPort) {
        return new MediaDescription(media, newPort, numberOfPorts, protocol, formats, connection, attributes, otherLines);
    }
}
