package dev.siprec.kex.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import dev.siprec.sdp.api.Attribute;

/**
 * What a key exchange proposes for one m-line of an answer that is not sent yet. Exactly one of
 * {@link #commit()} and {@link #discard()} is called, once.
 */
@ConsumerType
public interface KeyingProposal {

    /** @return why the m-line cannot be keyed (answered with port 0), or empty when accepted. */
    Optional<String> refusal();

    /**
     * @return the attributes the answer's m-line carries for the key exchange, in order: SDES one
     *         {@code a=crypto} (RFC 4568 §7.1.2); DTLS-SRTP {@code a=setup} and {@code a=fingerprint}
     *         (RFC 5763 §5, RFC 8122); empty when refused
     */
    List<Attribute> answerAttributes();

    /** @return the keys of an accepted m-line; {@code null} when refused. */
    MediaKeys keys();

    /**
     * The answer is sent: the proposal becomes the m-line's keying, and the keying it replaces
     * (if any, and if not reused) is wiped.
     */
    void commit();

    /** The answer is not sent: wipes what this proposal created; the committed keying stays. */
    void discard();

    /** A refused proposal: nothing to commit or wipe. */
    static KeyingProposal refused(String reason) {
        return new KeyingProposal() {
            @Override
            public Optional<String> refusal() {
                return Optional.of(reason);
            }

            @Override
            public List<Attribute> answerAttributes() {
                return List.of();
            }

            @Override
            public MediaKeys keys() {
                return null;
            }

            @Override
            public void commit() {
            }

            @Override
            public void discard() {
            }
        };
    }
}
