/**
 * Key exchange for SRTP media as a plug-in point. A {@link dev.siprec.kex.api.KeyExchange} service
 * handles the m-lines of some SDP transport protocols ({@value dev.siprec.kex.api.KeyExchange#PROTOCOLS}):
 * SDES ({@code a=crypto}, RFC 4568) for {@code RTP/SAVP} and {@code RTP/SAVPF}; DTLS-SRTP
 * (RFC 5763/5764: {@code a=fingerprint}, {@code a=setup}, keys from a handshake on the media port)
 * for {@code UDP/TLS/RTP/SAVP(F)}. The SDP answerer finds them on the whiteboard (dynamic, multiple
 * reference): a key exchange bundle that stops takes its protocols with it, and their m-lines are
 * refused with a reason while plain RTP keeps working.
 * <p>
 * The flow, per recording session: the answerer opens one {@link dev.siprec.kex.api.KeyExchangeSession}
 * per key exchange it uses; for each offered m-line it asks for a
 * {@link dev.siprec.kex.api.KeyingProposal} (the answer's attributes and the
 * {@link dev.siprec.kex.api.MediaKeys}); it {@linkplain dev.siprec.kex.api.KeyingProposal#commit() commits}
 * the proposals of an answer it sends and {@linkplain dev.siprec.kex.api.KeyingProposal#discard() discards}
 * the others; it closes the session when the recording session ends, which wipes every key.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.siprec.kex.api;
