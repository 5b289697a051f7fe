package dev.siprec.sdp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Offer/answer (RFC 3264) for a receive-only recording server (RFC 7866 §8.1.1): every offered
 * audio m-line is answered {@code recvonly} (or {@code inactive} when the offer does not send) with
 * the offered codecs the server can decode plus {@code telephone-event} and {@code CN}, the
 * {@code a=label} echoed, {@code a=rtcp-mux} honoured; other media are refused with port 0. SRTP
 * m-lines get the most preferred suite both offered and registered, with a fresh key (RFC 4568
 * §7.1.2). Configured through PIDs {@value #PID} (codecs, parser limits) and {@value #SRTP_PID}
 * ({@code suites}, {@code policy}).
 */
@ProviderType
public interface SdpAnswerer {
    /** Configuration PID of codecs and SDP parser limits. */
    String PID = "dev.siprec.sdp";
    /** Configuration PID of SRTP negotiation: {@code suites} (preference list) and {@code policy} ({@code off|optional|required}). */
    String SRTP_PID = "dev.siprec.srtp";

    /**
     * Starts the answerer state of one recording session.
     *
     * @param originAddressType {@code IP4} or {@code IP6} for the answer's {@code o=} line
     * @param originAddress the server's address for the {@code o=} line and, when no m-line is
     *                      accepted, nothing else
     */
    AnswerSession newSession(String originAddressType, String originAddress);
}
