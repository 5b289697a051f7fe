/**
 * Media reception contracts: RTP/RTCP port allocation and per-stream receivers that latch, decrypt
 * (SRTP, RFC 3711), reorder, decode and hand 16-bit PCM to the recording sinks.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package dev.siprec.media.api;
