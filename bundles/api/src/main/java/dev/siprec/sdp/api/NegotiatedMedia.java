package dev.siprec.sdp.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of offer/answer (RFC 3264 §6) for one m-line of the offer, as the recording session
 * and the media layer use it.
 *
 * @param index the m-line index in offer and answer (RFC 3264 §6)
 * @param media the media type, e.g. {@code audio}
 * @param protocol the offered transport protocol, e.g. {@code RTP/SAVP}
 * @param label the {@code a=label} (RFC 4574) tying the stream to the metadata, or {@code null}
 * @param accepted {@code true} when the answer accepts the stream (non-zero port)
 * @param reason why the m-line was refused (answered with port 0), or {@code null} when accepted
 * @param codecs the payload formats of the answer, in the offer's order and with its payload types
 *               (audio codecs first as offered, with {@code telephone-event} and {@code CN} when offered)
 * @param offeredDirection the direction the offer declares (RFC 3264 §5.1)
 * @param direction the answer's direction: {@code recvonly} or {@code inactive} (RFC 3264 §6.1)
 * @param rtcpMux {@code true} when RTP and RTCP share the port (RFC 5761 §5.1.1: offered and echoed)
 * @param ptime the offered {@code a=ptime} in milliseconds, 0 when absent
 * @param remote where the offerer sends and receives, or {@code null} when refused without one
 * @param local the server's endpoint from {@link MediaEndpoints}, or {@code null} when refused
 * @param srtp the SDES outcome for SRTP m-lines, or {@code null} for plain RTP and refused lines
 */
public record NegotiatedMedia(int index, String media, String protocol, String label, boolean accepted,
                              String reason, List<Codec> codecs, Direction offeredDirection, Direction direction,
                              boolean rtcpMux, int ptime, RemoteEndpoint remote, LocalEndpoint local,
                              SrtpParameters srtp) {

    public NegotiatedMedia {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        codecs = List.copyOf(codecs);
        if (accepted == (reason != null)) {
            throw new IllegalArgumentException("an accepted m-line has no refusal reason and a refused one has one");
        }
    }

    /** @return the label, if the m-line has one. */
    public Optional<String> labelValue() {
        return Optional.ofNullable(label);
    }

    /** @return the first audio codec of the answer (what the client most likely sends), if any. */
    public Optional<Codec> primaryCodec() {
        return codecs.stream().filter(Codec::isAudio).findFirst();
    }

    /** @return the codec for RTP payload type {@code pt}, if negotiated. */
    public Optional<Codec> codec(int pt) {
        return codecs.stream().filter(c -> c.payloadType() == pt).findFirst();
    }

    /** @return {@code true} when the stream is accepted and the offerer sends on it. */
    public boolean receiving() {
        return accepted && direction == Direction.RECVONLY;
    }
}
