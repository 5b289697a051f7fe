/**
 * What every SIP transport bundle shares: the {@link dev.siprec.sip.transport.common.ListenerHandle}
 * that registers a listener as a {@code SipTransport} service with the API's service properties and
 * moves it on a configuration change (new endpoint opened before the old one closes), listener
 * naming from factory configurations, RFC 5952 address text, per-peer rate-limited logging, and the
 * {@link dev.siprec.sip.transport.common.InboundGate} that holds what arrives before a SIP core attaches
 * (since 0.2), and the {@link dev.siprec.sip.transport.common.ListenerStarter} that starts a listener
 * off the activating thread (since 0.3).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.siprec.sip.transport.common;
