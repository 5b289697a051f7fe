/** SDES (RFC 4568) behind the key exchange contract; private, exports nothing. */
package dev.siprec.srtp.sdes.internal;
