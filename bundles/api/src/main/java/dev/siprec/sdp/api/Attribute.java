package dev.siprec.sdp.api;

import java.util.Objects;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute has a {@code null} value.
 *
 * @param name attribute name, e.g. {@code rtpmap}, {@code label}, {@code crypto}
 * @param value the text after the colon, or {@code null}
 */
public record Attribute(String name, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
    }

    /** Never shows the value of {@code crypto} attributes, which carry keys. */
    @Override
    public String toString() {
        if (value == null) {
            return "a=" + name;
        }
        return "crypto".equalsIgnoreCase(name) ? "a=crypto:<redacted>" : "a=" + name + ":" + value;
    }
}
