package dev.siprec.media.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpPolicy;

/**
 * What negotiation fixed for one received stream.
 *
 * @param streamKey the stream's key within the recording session
 * @param codecs payload formats the client may send, audio first, with {@code telephone-event} and {@code CN} when negotiated
 * @param receiving {@code false} while the stream is on hold ({@code a=inactive}): packets are counted and dropped, time still advances as silence
 * @param remote the address the offer names for the client's RTP (a hint; latching on the first valid packet wins), or {@code null}
 * @param srtp the policy with the recording client's keys, or {@code null} for plain RTP
 * @param ptimeMillis the packetization time from the offer, 0 when not given (20 ms is assumed)
 * @param rawDirectory directory where RTP packets of payload formats that cannot be decoded are kept as
 *                     {@code stream-<key>.pcap} (classic pcap, synthesized IP/UDP headers), or {@code null}
 *                     to count and drop them; the file's path is reported in {@link StreamStatistics#rawFile()}
 */
public record StreamSettings(String streamKey, List<Codec> codecs, boolean receiving, InetSocketAddress remote,
                             SrtpPolicy srtp, int ptimeMillis, Path rawDirectory) {
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

    /** Settings without a directory for undecodable payloads (they are counted and dropped). */
    public StreamSettings(String streamKey, List<Codec> codecs, boolean receiving, InetSocketAddress remote,
                          SrtpPolicy srtp, int ptimeMillis) {
        this(streamKey, codecs, receiving, remote, srtp, ptimeMillis, null);
    }

    @Override
    public String toString() {
        return "StreamSettings[" + streamKey + ", codecs=" + codecs + ", receiving=" + receiving + ", remote=" + remote
                + ", srtp=" + (srtp == null ? "none" : srtp.suite()) + ", ptime=" + ptimeMillis + ", raw=" + rawDirectory + "]";
    }
}
