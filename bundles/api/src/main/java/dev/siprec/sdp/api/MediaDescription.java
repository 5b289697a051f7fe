package dev.siprec.sdp.api;

import java.util.List;
import java.util.Optional;

/**
 * One {@code m=} section (RFC 8866 §5.14) with its own {@code c=} and attributes.
 *
 * @param media {@code audio}, {@code video}, {@code application}, ...
 * @param port transport port; 0 means the stream is refused or disabled (RFC 3264 §6)
 * @param protocol {@code RTP/AVP}, {@code RTP/SAVP}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVP}, ...
 * @param formats payload types (or format tokens) in preference order
 * @param connection the media-level {@code c=}, or {@code null} to use the session's
 * @param attributes the media-level attributes in order
 */
public record MediaDescription(String media, int port, String protocol, List<String> formats,
                               Connection connection, List<Attribute> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
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

    /** @return the {@code a=label} value (RFC 4574) that ties this stream to the recording metadata. */
    public Optional<String> label() {
        return attribute("label");
    }
}
