package dev.siprec.sdp.api;

import java.util.List;
import java.util.Optional;

/**
 * The result of answering one offer (RFC 3264 §6): the answer and the facts per m-line.
 *
 * @param answer the answer to send, or {@code null} when the offer is unacceptable
 * @param media one entry per m-line of the offer, in order
 * @param reason why the offer as a whole is unacceptable, or {@code null} when {@code answer} is set;
 *               the session responds {@code 488 Not Acceptable Here} with it in a {@code Warning}
 *               (RFC 3261 §21.4.26, RFC 3264 §6)
 */
public record OfferAnswer(SessionDescription answer, List<NegotiatedMedia> media, String reason) {
    public OfferAnswer {
        media = List.copyOf(media);
        if ((answer == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of answer and reason is set");
        }
    }

    /** @return {@code true} when at least one m-line was accepted and {@link #answer()} is set. */
    public boolean acceptable() {
        return answer != null;
    }

    /** @return the accepted m-lines. */
    public List<NegotiatedMedia> accepted() {
        return media.stream().filter(NegotiatedMedia::accepted).toList();
    }

    /** @return the unacceptable reason, if any. */
    public Optional<String> failure() {
        return Optional.ofNullable(reason);
    }
}
