/**
 * The SRTP suite SPI: what a crypto-suite bundle needs besides the API ({@code dev.siprec.srtp.api}),
 * so that a suite depends on this small, stateless library and never on the engine in
 * {@code srtp-core}. Nothing here registers services, keeps global state or starts threads.
 *
 * <h2>Building blocks</h2>
 * <ul>
 * <li>{@link dev.siprec.srtp.spi.SrtpKdf}: the RFC 3711 §4.3 key derivation with the AES-CM PRF keyed
 * with a 128-, 192- or 256-bit master key (RFC 6188 §3), and the RFC 7714 §11 derivation from a
 * 12-byte AEAD master salt.</li>
 * <li>{@link dev.siprec.srtp.spi.AesCtr}: AES counter-mode keystream (RFC 3711 §4.1.1) with no
 * per-packet {@code Cipher.init}.</li>
 * <li>{@link dev.siprec.srtp.spi.HmacSha1}: allocation-free HMAC-SHA1 with precomputed pads
 * (RFC 3711 §4.2), tags compared in constant time.</li>
 * <li>{@link dev.siprec.srtp.spi.Bytes}: big-endian reads and writes and
 * {@link dev.siprec.srtp.spi.Bytes#constantTimeEquals constant-time comparison}.</li>
 * <li>{@link dev.siprec.srtp.spi.SuiteBase}: suite metadata, argument checks and the
 * {@link dev.siprec.srtp.spi.SuiteBase#warmUp warm-up}; {@link dev.siprec.srtp.spi.AesCmSuite}
 * / {@link dev.siprec.srtp.spi.AesCmTransform} (AES-CM or NULL cipher with HMAC-SHA1) and
 * {@link dev.siprec.srtp.spi.AesGcmSuite} / {@link dev.siprec.srtp.spi.AesGcmTransform} (RFC 7714)
 * as ready transforms.</li>
 * </ul>
 *
 * <h2>Rules every suite follows</h2>
 * <ol>
 * <li><b>Allocation.</b> {@code protectRtp}, {@code unprotectRtp}, {@code protectRtcp} and
 * {@code unprotectRtcp} allocate nothing on the Java heap for a packet whose keys are already
 * derived: every buffer, cipher and digest is created with the transform and reused. Use
 * {@link dev.siprec.srtp.spi.HmacSha1} rather than {@code javax.crypto.Mac} (whose
 * {@code doFinal()} returns a new array) and {@link dev.siprec.srtp.spi.AesCtr} rather than an
 * {@code AES/CTR} cipher re-initialised per packet. Re-keying at a key-derivation-rate boundary may
 * allocate inside the JCE; it happens once per {@code KDR} packets. AEAD ciphers of the JCE allocate
 * per {@code init}; that is their known cost, measured in {@code docs/performance.md}.</li>
 * <li><b>Memory per key.</b> {@link dev.siprec.srtp.spi.AesCtr} and {@link dev.siprec.srtp.spi.HmacSha1}
 * keep only what is the key's (an AES schedule; the HMAC pads or the states after them): the
 * counter/keystream buffer, the HMAC message buffer and the SHA-1 object are the calling thread's,
 * shared by every instance it runs and left with no pad, IV or derived key between calls. A closed
 * {@code AesCtr} refuses any further use (its JCE cipher, keyed with zeros, may serve the next
 * instance). The transforms of this package make a direction's keys on its first packet and, with
 * KDR = 0, end their KDF there (since 1.1).</li>
 * <li><b>Class loading.</b> Once {@code SrtpCryptoSuite.newTransform} has returned, the transform
 * needs no further class loading from its suite's bundle or from this SPI's bundle: the suite's
 * bundle may be stopped or uninstalled (and the framework refreshed) while a call still uses the
 * transform, and a class not yet loaded then fails with {@code NoClassDefFoundError} on the packet
 * path. Run every path once before the first transform is handed out
 * ({@link dev.siprec.srtp.spi.SuiteBase#warmUp}; {@link dev.siprec.srtp.spi.SuiteBase} does it for
 * you), including forged packets, re-keying (KDR ≠ 0) and SRTCP with and without encryption, and
 * load exception classes the failure paths throw or catch. Check it with the
 * {@code dev.siprec.srtp.spi.testing} artifact's {@code DetachedSuiteCheck}.</li>
 * <li><b>SRTCP key id when KDR ≠ 0.</b> The session keys of SRTCP are derived (RFC 3711 §4.3.1-2)
 * with {@code key_id = label || r}, the 8-bit label (3, 4, 5 for SRTCP encryption, authentication,
 * salt) followed by the 48-bit {@code r = SRTCP index DIV key_derivation_rate}. The SRTCP index is
 * the 31-bit index from the {@code E || index} word (never the ROC or an RTP index), so {@code r}
 * sits right-aligned in the 48 bits and its top 17 bits are zero. {@code key_id} is XORed into the
 * master salt at octets 7 to 13 of the 16-byte PRF input block (label at octet 7, {@code r} at 8-13,
 * big-endian), octets 14-15 are the block counter. With KDR = 0, {@code r = 0} for SRTP and SRTCP.
 * {@link dev.siprec.srtp.spi.SrtpKdf#derive} takes {@code r}; the caller divides (shifts by
 * {@link dev.siprec.srtp.spi.SrtpKdf#kdrShift}).</li>
 * <li><b>E flag for ciphers that cannot encrypt.</b> A suite whose cipher is NULL (RFC 3711 §4.1.3)
 * writes {@code E = 0} in every SRTCP packet it protects, even when asked to encrypt, because the
 * E flag states whether the packet is encrypted (§3.4); on receipt it authenticates the packet and
 * leaves it as it is, whatever E says. A suite that encrypts writes {@code E = 1} unless the policy
 * asks for {@code UNENCRYPTED_SRTCP}.</li>
 * <li><b>Keys.</b> Copy the master key and salt; never keep the caller's arrays; wipe every copy
 * and every derived key in {@code close()}; never log key material.</li>
 * <li><b>Failure.</b> An authentication failure is the result {@code -1}, never an exception; tags
 * are compared in constant time before anything is decrypted.</li>
 * </ol>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.siprec.srtp.spi;
