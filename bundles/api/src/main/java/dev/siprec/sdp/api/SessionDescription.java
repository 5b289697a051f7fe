package dev.siprec.sdp.api;

import java.util.List;

/**
 * A parsed session description (RFC 8866 §5).
 *
 * @param version {@code v=}, always 0
 * @param origin the {@code o=} line's fields
 * @param sessionName {@code s=}
 * @param connection session-level {@code c=}, or {@code null}
 * @param attributes session-level attributes in order
 * @param media the {@code m=} sections in order (their index is the m-line index of RFC 3264)
 */
public record SessionDescription(int version, Origin origin, String sessionName, Connection connection,
                                 List<Attribute> attributes, List<MediaDescription> media) {

    public SessionDescription {
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * The {@code o=} line (RFC 8866 §5.2).
     *
     * @param username user name, {@code -} when none
     * @param sessionId numeric session id
     * @param sessionVersion incremented by the sender on every change (RFC 3264 §8)
     * @param addressType {@code IP4} or {@code IP6}
     * @param address the originator's address
     */
    public record Origin(String username, String sessionId, long sessionVersion, String addressType, String address) {
    }

    /** @return the connection that applies to {@code m}: its own or the session's. */
    public Connection connectionOf(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }
}
