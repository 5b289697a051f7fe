/**
 * The session-description model (RFC 8866) shared by SDP negotiation, the recording session and
 * media: immutable records, unknown attributes kept in order.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.siprec.sdp.api;
