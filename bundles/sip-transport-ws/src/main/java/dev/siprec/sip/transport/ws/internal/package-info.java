/**
 * SIP over WebSocket (RFC 7118) on Jetty 12 core WebSocket: DS components for the factory PIDs
 * {@code dev.siprec.transport.ws} and {@code dev.siprec.transport.wss}, one listener each.
 */
package dev.siprec.sip.transport.ws.internal;
