/** DTLS-SRTP (RFC 5763, RFC 5764) behind the key exchange contract, on Bouncy Castle's DTLS 1.2; private, exports nothing. */
package dev.siprec.srtp.dtls.internal;
