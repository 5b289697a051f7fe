/**
 * SRTP/SRTCP contracts (RFC 3711): crypto suites as plug-in services, the registry that tracks
 * them, and the per-packet outcome.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.siprec.srtp.api;
