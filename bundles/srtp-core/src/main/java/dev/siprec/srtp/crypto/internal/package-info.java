/**
 * SRTP cryptographic transforms and their primitives (AES-CM keystream, the RFC 3711 KDF,
 * HMAC-SHA1, AES-GCM per RFC 7714). Never exported: each suite bundle embeds a private copy
 * (bnd {@code -conditionalpackage}), so a suite carries its own code and updating it never
 * refreshes another bundle.
 */
package dev.siprec.srtp.crypto.internal;
