/**
 * Session descriptions (RFC 8866) and their negotiation for a receive-only recording server.
 * <ul>
 * <li>The model: immutable records ({@link dev.siprec.sdp.api.SessionDescription},
 * {@link dev.siprec.sdp.api.MediaDescription}, {@link dev.siprec.sdp.api.Attribute},
 * {@link dev.siprec.sdp.api.Connection}, {@link dev.siprec.sdp.api.SdpLine}) that keep unknown
 * lines and attributes in order, parsed and formatted by the {@link dev.siprec.sdp.api.SdpCodec}
 * service within {@link dev.siprec.sdp.api.SdpLimits}.</li>
 * <li>SDES (RFC 4568): {@link dev.siprec.sdp.api.CryptoAttribute} with its
 * {@link dev.siprec.sdp.api.KeyParam}s ({@link dev.siprec.sdp.api.Lifetime},
 * {@link dev.siprec.sdp.api.Mki}) and {@link dev.siprec.sdp.api.SessionParam}s; key bytes never
 * appear in {@code toString()}.</li>
 * <li>Offer/answer (RFC 3264): the {@link dev.siprec.sdp.api.SdpAnswerer} service opens one
 * {@link dev.siprec.sdp.api.AnswerSession} per recording session; each answer is an
 * {@link dev.siprec.sdp.api.OfferAnswer} with one {@link dev.siprec.sdp.api.NegotiatedMedia} per
 * m-line (codecs, direction, remote and local endpoints, {@link dev.siprec.sdp.api.SrtpParameters});
 * the SRTP suite order it applies is {@link dev.siprec.sdp.api.SrtpSuitePreferences}.</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package dev.siprec.sdp.api;
