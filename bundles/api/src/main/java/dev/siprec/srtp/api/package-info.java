/**
 * SRTP/SRTCP contracts (RFC 3711): crypto suites as plug-in services ({@link dev.siprec.srtp.api.SrtpCryptoSuite},
 * RFC 4568 §6.2, RFC 6188, RFC 7714) and the registry that tracks them; the engine
 * ({@link dev.siprec.srtp.api.SrtpEngine}) that opens a {@link dev.siprec.srtp.api.SrtpSession} per
 * negotiated {@link dev.siprec.srtp.api.SrtpPolicy} (RFC 4568 §6 key and session parameters); and the
 * per-packet outcome {@link dev.siprec.srtp.api.SrtpStatus}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package dev.siprec.srtp.api;
