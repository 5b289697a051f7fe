package dev.siprec.sdp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The answerer's offer/answer state of one recording session (one SIP dialog): its own {@code o=}
 * line, the previous offer and answer, and the server's SRTP keys. Thread-safe.
 */
@ProviderType
public interface AnswerSession extends AutoCloseable {

    /**
     * Answers an initial offer or a re-offer (RFC 3264 §6, §8). The answer keeps the {@code o=}
     * session id and increments its version on every re-answer; a re-offer with fewer m-lines than
     * the previous one is unacceptable (RFC 3264 §8). On an SRTP m-line whose chosen offer
     * {@code a=crypto} is unchanged the server's previous key is kept; otherwise a fresh one is
     * generated and the previous one wiped. When the result is not {@link OfferAnswer#acceptable()}
     * the session state is unchanged (the previous answer stays in force).
     *
     * @param offer the parsed offer
     * @param endpoints gives local address and ports for each accepted m-line
     */
    OfferAnswer answer(SessionDescription offer, MediaEndpoints endpoints);

    /** @return the last answer sent, or {@code null} before the first acceptable one. */
    SessionDescription lastAnswer();

    /** Wipes the server's SRTP keys of this session; the session cannot answer afterwards. */
    @Override
    void close();
}
