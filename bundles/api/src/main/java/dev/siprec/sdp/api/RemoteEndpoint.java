package dev.siprec.sdp.api;

/**
 * Where the offerer says it sends from and receives on, for symmetric latching (the media layer
 * trusts the first authenticated packet, but these are the expected peers).
 *
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the {@code c=} address that applies to the m-line (RFC 8866 §5.7)
 * @param rtpPort the m-line port
 * @param rtcpAddress the RTCP address: from {@code a=rtcp} (RFC 3605) or the same as {@code address}
 * @param rtcpPort the RTCP port: {@code a=rtcp}, else the RTP port with {@code a=rtcp-mux}, else RTP port + 1
 */
public record RemoteEndpoint(String addressType, String address, int rtpPort, String rtcpAddress, int rtcpPort) {
}
