/** The SRTP engine and the suite registry; private. */
package dev.siprec.srtp.core.internal;
