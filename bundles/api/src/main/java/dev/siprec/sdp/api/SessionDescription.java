package dev.siprec.sdp.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed session description (RFC 8866 §5).
 *
 * @param version {@code v=}, always 0
 * @param origin the {@code o=} line's fields
 * @param sessionName {@code s=}
 * @param connection session-level {@code c=}, or {@code null}
 * @param attributes session-level attributes in order
 * @param media the {@code m=} sections in order (their index is the m-line index of RFC 3264)
 * @param otherLines session-level {@code i=}, {@code u=}, {@code e=}, {@code p=}, {@code b=},
 *                   {@code t=}, {@code r=}, {@code z=}, {@code k=} and unknown lines in order
 */
public record SessionDescription(int version, Origin origin, String sessionName, Connection connection,
                                 List<Attribute> attributes, List<MediaDescription> media, List<SdpLine> otherLines) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
        otherLines = List.copyOf(otherLines);
    }

    /** A description whose only other line is {@code t=0 0}. */
    public SessionDescription(int version, Origin origin, String sessionName, Connection connection,
                              List<Attribute> attributes, List<MediaDescription> media) {
        this(version, origin, sessionName, connection, attributes, media, List.of(new SdpLine('t', "0 0")));
    }

    /**
     * The {@code o=} line (RFC 8866 §5.2).
     *
     * @param username user name, {@code -} when none
     * @param sessionId numeric session id (kept as text: real clients send more digits than a long holds)
     * @param sessionVersion incremented by the sender on every change (RFC 3264 §8)
     * @param addressType {@code IP4} or {@code IP6}
     * @param address the originator's address
     */
    public record Origin(String username, String sessionId, long sessionVersion, String addressType, String address) {
        public Origin {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(addressType, "addressType");
            Objects.requireNonNull(address, "address");
            if (sessionVersion < 0) {
                throw new IllegalArgumentException("negative session version");
            }
        }

        /** @return this origin with the next version (RFC 3264 §8). */
        public Origin nextVersion() {
            return new Origin(username, sessionId, sessionVersion + 1, addressType, address);
        }
    }

    /** @return the connection that applies to {@code m}: its own or the session's. */
    public Connection connectionOf(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }

    /** @return the value of the first session-level attribute named {@code name}, empty string for a property attribute. */
    public Optional<String> attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase(name)) {
                return Optional.of(a.value() == null ? "" : a.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The direction that applies to {@code m}: its own direction attribute, else the session-level
     * one, else {@code sendrecv} (RFC 3264 §5.1).
     */
    public Direction directionOf(MediaDescription m) {
        Optional<Direction> own = m.direction();
        if (own.isPresent()) {
            return own.get();
        }
        for (Attribute a : attributes) {
            Optional<Direction> d = Direction.ofAttribute(a.name());
            if (d.isPresent()) {
                return d.get();
            }
        }
        return Direction.SENDRECV;
    }
}
