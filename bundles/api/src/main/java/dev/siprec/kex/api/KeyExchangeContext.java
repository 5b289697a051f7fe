package dev.siprec.kex.api;

/**
 * What a key exchange knows of the recording session it serves.
 *
 * @param sipTransport the SIP transport of the dialog ({@code UDP}, {@code TCP}, {@code TLS},
 *                     {@code WS}, {@code WSS}), or {@code null} when unknown
 */
public record KeyExchangeContext(String sipTransport) {
}
