/** SIP over TCP listeners, one DS component per factory configuration {@code dev.siprec.transport.tcp}. */
package dev.siprec.sip.transport.tcp.internal;
