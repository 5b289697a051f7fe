package dev.siprec.sdp.api;

import java.util.Objects;

/**
 * The server's receiving address and ports for one accepted m-line, supplied by the media layer
 * and written into the answer ({@code c=}, {@code m=} port, {@code a=rtcp} when RTCP is not on
 * port + 1, RFC 3605).
 *
 * @param addressType {@code IP4} or {@code IP6}
 * @param address the advertised address
 * @param rtpPort the RTP port, 1..65535 (even by convention, RFC 3550 §11)
 * @param rtcpPort the RTCP port; equal to {@code rtpPort} when RTCP is multiplexed (RFC 5761)
 */
public record LocalEndpoint(String addressType, String address, int rtpPort, int rtcpPort) {
    public LocalEndpoint {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        if (!Connection.IP4.equals(addressType) && !Connection.IP6.equals(addressType)) {
            throw new IllegalArgumentException("address type must be IP4 or IP6: " + addressType);
        }
        if (rtpPort < 1 || rtpPort > 65535 || rtcpPort < 1 || rtcpPort > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535: " + rtpPort + "/" + rtcpPort);
        }
    }
}
