/**
 * SIP service contracts of the recording server (RFC 3261).
 *
 * <p>Transports ({@link dev.siprec.sip.api.SipTransport}) are plug-ins: each listener is a service
 * that the SIP core picks up dynamically and hands its {@link dev.siprec.sip.api.SipInbound} to.
 * The recording-session logic registers a {@link dev.siprec.sip.api.SipRequestHandler} and talks
 * back through {@link dev.siprec.sip.api.ServerRequest}, {@link dev.siprec.sip.api.Dialog} and
 * {@link dev.siprec.sip.api.SipStack}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.siprec.sip.api;
