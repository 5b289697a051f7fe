package dev.siprec.sdp.api;

import java.util.Objects;

/**
 * A description line the model does not break down further (RFC 8866 §5: {@code i=}, {@code u=},
 * {@code e=}, {@code p=}, {@code b=}, {@code t=}, {@code r=}, {@code z=}, {@code k=}, or a type
 * letter this implementation does not know), kept verbatim and in order so that a description
 * survives a parse and format round trip.
 *
 * @param type the type letter, {@code a}..{@code z}
 * @param value the text after {@code =}
 */
public record SdpLine(char type, String value) {
    public SdpLine {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("SDP line type must be a lower-case letter: " + type);
        }
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return type == 'k' ? "k=<redacted>" : type + "=" + value;
    }
}
