package dev.siprec.kex.api;

import java.util.List;
import java.util.Objects;

import dev.siprec.sdp.api.MediaDescription;
import dev.siprec.sdp.api.SessionDescription;

/**
 * One offered m-line to key.
 *
 * @param index the m-line index in offer and answer (RFC 3264 §6)
 * @param offer the whole offer (session-level attributes such as {@code a=fingerprint} apply to
 *              every m-line, RFC 8122 §5)
 * @param media the m-line
 * @param suites the SRTP suites that may be negotiated, most preferred first (registered, not
 *               disabled; PID {@code dev.siprec.srtp}); SDES picks among these names, DTLS-SRTP
 *               among the {@code use_srtp} profiles that map to them (RFC 5764 §4.1.2, RFC 7714 §14.2)
 * @param disabled suite names refused by configuration ({@code suites.disabled}), to explain refusals
 * @param srtpRequired {@code true} under {@code policy=required}: options that weaken SRTP, such
 *                     as {@code UNAUTHENTICATED_SRTP} (RFC 4568 §6.3.3), are refused
 */
public record KeyingRequest(int index, SessionDescription offer, MediaDescription media, List<String> suites,
                            List<String> disabled, boolean srtpRequired) {
    public KeyingRequest {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(media, "media");
        suites = List.copyOf(suites);
        disabled = List.copyOf(disabled);
    }
}
