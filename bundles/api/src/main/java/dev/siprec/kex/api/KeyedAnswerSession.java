package dev.siprec.kex.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.siprec.sdp.api.AnswerSession;

/**
 * An {@link AnswerSession} that also hands over the {@link MediaKeys} of the answer it sent: the
 * sessions made by the {@code sdp} bundle's {@link dev.siprec.sdp.api.SdpAnswerer} implement it.
 * It lives here rather than in {@code sdp.api}, which cannot name key exchange types without a
 * package cycle. The media layer keys each stream from these keys (at once for SDES; after the
 * handshake for DTLS-SRTP, RFC 5764 §4.2) instead of reading
 * {@link dev.siprec.sdp.api.NegotiatedMedia#srtp()}.
 *
 * @since 0.2
 */
@ProviderType
public interface KeyedAnswerSession extends AnswerSession {

    /**
     * @param index an m-line index of the last answer sent
     * @return the keys committed for that m-line by the key exchange that keys it; empty for plain
     *         RTP, refused m-lines, an index beyond the answer, or before the first answer. The keys
     *         stay usable until a later answer replaces or releases them, or the session closes.
     */
    Optional<MediaKeys> mediaKeys(int index);
}
