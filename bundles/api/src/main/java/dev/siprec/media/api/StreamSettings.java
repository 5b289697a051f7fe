package dev.siprec.media.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.siprec.kex.api.MediaKeys;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * What negotiation fixed for one received stream.
 *
 * @param streamKey the stream's key within the recording session
 * @param codecs payload formats the client may send, audio first, with {@code telephone-event} and {@code CN} when negotiated
 * @param receiving {@code false} while the stream is on hold ({@code a=inactive}): packets are counted and dropped, time still advances as silence
 * @param remote the address the offer names for the client's RTP ({@code c=} and the m-line port), or {@code null};
 *               when publicly routable, the only address the stream latches to (see the media configuration)
 * @param srtp the policy with the recording client's keys, or {@code null} for plain RTP
 * @param ptimeMillis the packetization time from the offer, 0 when not given (20 ms is assumed)
 * @param rawDirectory directory where RTP packets of payload formats that cannot be decoded are kept as
 *                     {@code stream-<key>.pcap} (classic pcap, synthesized IP/UDP headers), or {@code null}
 *                     to count and drop them; the file's path is reported in {@link StreamStatistics#rawFile()}
 * @param remoteRtcp the offer's RTCP address ({@code a=rtcp}, RFC 3605), or {@code null} (since 0.2.0)
 * @param signallingPeer the address the SIP requests of the session came from, or {@code null}: when the offer's
 *                       address is not routable (NAT), the stream latches only to a source with this address
 *                       (since 0.2.0)
 * @param keys the keys of the stream's key exchange, or {@code null}: when given, the receiver takes its
 *             decryption policy from {@link MediaKeys#receivePolicy()} once {@link MediaKeys#ready()} completes
 *             (at once for SDES, after the handshake for DTLS-SRTP); SRTP packets before that are counted
 *             ({@link StreamStatistics#droppedBeforeKeys()}) and dropped, never decoded. Its
 *             {@link MediaKeys#mediaPortHandler()} is attached to the stream's RTP port and receives the
 *             datagrams whose first byte is 20..63 (DTLS, RFC 7983 §7). {@code srtp} is then ignored
 *             (since 0.3.0)
 */
public record StreamSettings(String streamKey, List<Codec> codecs, boolean receiving, InetSocketAddress remote,
                             SrtpPolicy srtp, int ptimeMillis, Path rawDirectory, InetSocketAddress remoteRtcp,
                             InetAddress signallingPeer, MediaKeys keys) {
    public StreamSettings {
        Objects.requireNonNull(streamKey, "streamKey");
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one payload format");
        }
        if (ptimeMillis < 0) {
            throw new IllegalArgumentException("ptime must not be negative: " + ptimeMillis);
        }
    }

    /** Settings with an SRTP policy given directly (or none), without key exchange keys. */
    public StreamSettings(String streamKey, List<Codec> codecs, boolean receiving, InetSocketAddress remote,
                          SrtpPolicy srtp, int ptimeMillis, Path rawDirectory, InetSocketAddress remoteRtcp,
                          InetAddress signallingPeer) {
        this(streamKey, codecs, receiving, remote, srtp, ptimeMillis, rawDirectory, remoteRtcp, signallingPeer, null);
    }

    /** @return whether the stream is SRTP, keyed by {@link #keys()} or by {@link #srtp()} */
    public boolean secure() {
        return keys != null || srtp != null;
    }

    /** Settings without the RTCP address and the signalling peer (latching then relies on {@code remote} only). */
    public StreamSettings(String streamKey, List<Codec> codecs, boolean receiving, InetSocketAddress remote,
                          SrtpPolicy srtp, int ptimeMillis, Path rawDirectory) {
        this(streamKey, codecs, receiving, remote, srtp, ptimeMillis, rawDirectory, null, null, null);
    }

    /** Settings without a directory for undecodable payloads (they are counted and dropped). */
    public StreamSettings(String streamKey, List<Codec> codecs, boolean receiving, InetSocketAddress remote,
                          SrtpPolicy srtp, int ptimeMillis) {
        this(streamKey, codecs, receiving, remote, srtp, ptimeMillis, null, null, null, null);
    }

    @Override
    public String toString() {
        return "StreamSettings[" + streamKey + ", codecs=" + codecs + ", receiving=" + receiving + ", remote=" + remote
                + ", srtp=" + (keys != null ? keys.info().source() + " " + keys.info().suite() : srtp == null ? "none" : srtp.suite()) + ", ptime=" + ptimeMillis + ", raw=" + rawDirectory + ", rtcp=" + remoteRtcp + ", peer=" + signallingPeer + "]";
    }
}
