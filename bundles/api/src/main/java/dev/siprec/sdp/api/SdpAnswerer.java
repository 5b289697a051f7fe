package dev.siprec.sdp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Offer/answer (RFC 3264) for a receive-only recording server (RFC 7866 §8.1.1): every offered
 * audio m-line is answered {@code recvonly} (or {@code inactive} when the offer does not send) with
 * the offered codecs the server can decode plus {@code telephone-event} and {@code CN}, the
 * {@code a=label} echoed, {@code a=rtcp-mux} honoured; other media are refused with port 0. SRTP
 * m-lines are keyed by the {@link dev.siprec.kex.api.KeyExchange} service registered for their
 * protocol (SDES for {@code RTP/SAVP}: the most preferred suite both offered and registered, with a
 * fresh key, RFC 4568 §7.1.2); without one they are refused with a reason. Configured through PIDs
 * {@value #PID} (codecs, parser limits) and {@value #SRTP_PID} ({@code suites} preference order,
 * {@code suites.disabled}, {@code policy}, {@code sdes.transports}; see {@link SrtpSuitePreferences}).
 */
@ProviderType
public interface SdpAnswerer {
    /** Configuration PID of codecs and SDP parser limits. */
    String PID = "dev.siprec.sdp";
    /**
     * Configuration PID of SRTP negotiation: {@code suites} (preference order), {@code suites.disabled},
     * {@code policy} ({@code off|optional|required}) and {@code sdes.transports}.
     */
    String SRTP_PID = "dev.siprec.srtp";

    /**
     * Starts the answerer state of one recording session.
     *
     * @param originAddressType {@code IP4} or {@code IP6} for the answer's {@code o=} line
     * @param originAddress the server's address for the {@code o=} line and, when no m-line is
     *                      accepted, nothing else
     */
    AnswerSession newSession(String originAddressType, String originAddress);

    /**
     * Starts the answerer state of one recording session whose SIP dialog runs over
     * {@code sipTransport}. Key exchanges that carry keys in the SDP itself (SDES, RFC 4568 §8.3)
     * are accepted only over the transports of {@code sdes.transports} (PID {@value #SRTP_PID}).
     * The default ignores the transport; the {@code sdp} bundle's answerer honours it.
     *
     * @param sipTransport the SIP transport of the dialog ({@code UDP}, {@code TCP}, {@code TLS},
     *                     {@code WS}, {@code WSS}), or {@code null} when unknown (then only
     *                     configurations allowing every transport carry SDES keys)
     * @since 0.2
     */
    default AnswerSession newSession(String originAddressType, String originAddress, String sipTransport) {
        return newSession(originAddressType, originAddress);
    }
}
