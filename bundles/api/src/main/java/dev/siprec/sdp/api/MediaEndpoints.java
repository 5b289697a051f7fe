package dev.siprec.sdp.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Supplied by the caller of {@link AnswerSession#answer}: gives the local address and ports for
 * each m-line the answerer accepts (the media layer allocates them, or keeps the ones it already
 * has for that m-line index on a re-offer).
 */
@ConsumerType
@FunctionalInterface
public interface MediaEndpoints {

    /**
     * @param proposal the accepted m-line as negotiated so far ({@link NegotiatedMedia#local()} is
     *                 {@code null}); when {@link NegotiatedMedia#rtcpMux()} is set the answer carries
     *                 {@code a=rtcp-mux} and RTCP arrives on the RTP port (RFC 5761 §5.1.1)
     * @return the endpoint, or empty to refuse the m-line (e.g. no free port); the answer then
     *         carries port 0 for it
     */
    Optional<LocalEndpoint> endpoint(NegotiatedMedia proposal);
}
