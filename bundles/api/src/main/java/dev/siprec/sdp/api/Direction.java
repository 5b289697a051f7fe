package dev.siprec.sdp.api;

import java.util.Locale;
import java.util.Optional;

/** Media direction attributes (RFC 8866 §6.7, RFC 3264 §5.1 and §6.1). */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** @return the attribute name, e.g. {@code recvonly}. */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return {@code true} when the side that declared this direction sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** @return the direction named by attribute {@code name}, if it is one. */
    public static Optional<Direction> ofAttribute(String name) {
        for (Direction d : values()) {
            if (d.attributeName().equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
