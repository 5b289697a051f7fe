/**
 * TLS credentials: PEM (RFC 7468) and PKCS#12 loading through Bouncy Castle provider instances,
 * generated self-signed certificates, file watching, and a PKIX trust manager with a verdict cache.
 */
package dev.siprec.keys.internal.tls;
