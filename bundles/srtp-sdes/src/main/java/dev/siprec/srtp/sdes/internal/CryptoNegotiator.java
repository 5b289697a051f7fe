package dev.siprec.srtp.sdes.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.SdpCodec;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionParam;
import dev.siprec.srtp.api.SrtpCryptoSuite;
import dev.siprec.srtp.api.SrtpCryptoSuiteRegistry;

/**
 * Chooses the {@code a=crypto} of an SRTP m-line to answer (RFC 4568 §7.1.2): among the offered
 * attributes that parse, name a suite registered right now and not disabled by configuration,
 * carry keys of that suite's lengths and lifetimes and only session parameters the server can
 * honour symmetrically (§6.3), the one whose suite comes first in the preference order; offer order
 * breaks ties. Every declined attribute is explained; the declined ones are wiped.
 */
final class CryptoNegotiator {
    /** Session parameters answered by echoing them (RFC 4568 §6.3.1-§6.3.4, §6.3.6). */
    static final List<String> ECHOED = List.of(SessionParam.KDR, SessionParam.UNENCRYPTED_SRTP,
            SessionParam.UNENCRYPTED_SRTCP, SessionParam.UNAUTHENTICATED_SRTP, SessionParam.FEC_ORDER, SessionParam.WSH);

    /** The chosen attribute and its suite. */
    record Choice(CryptoAttribute offered, SrtpCryptoSuite suite) {
    }

    /** The choice, or the reasons every attribute was declined. */
    record Result(Choice choice, String reason) {
    }

    private CryptoNegotiator() {
    }

    static Result choose(KeyingRequest request, SrtpCryptoSuiteRegistry registry, SdpCodec codec) {
        List<String> declined = new ArrayList<>();
        List<CryptoAttribute> parsed = new ArrayList<>();
        Choice best = null;
        int bestRank = Integer.MAX_VALUE;
        List<String> values = request.media().attributes("crypto");
        if (values.isEmpty()) {
            return new Result(null, "no a=crypto attribute in an SRTP m-line (RFC 4568 §5)");
        }
        for (String value : values) {
            CryptoAttribute c;
            try {
                c = codec.parseCrypto(value);
            } catch (SdpParseException e) {
                declined.add("a=crypto " + leadingTag(value) + ": " + e.reason());
                continue;
            }
            parsed.add(c);
            if (request.disabled().contains(c.suite())) {
                declined.add("a=crypto " + c.tag() + ": suite " + c.suite() + " is disabled (dev.siprec.srtp suites.disabled)");
                continue;
            }
            Optional<SrtpCryptoSuite> suite = registry.suite(c.suite());
            int rank = request.suites().indexOf(c.suite());
            if (suite.isEmpty() || rank < 0) {
                declined.add("a=crypto " + c.tag() + ": suite " + c.suite() + " is not registered (no installed bundle "
                        + "provides it)");
                continue;
            }
            Optional<String> problem = validate(c, suite.get(), request.srtpRequired());
            if (problem.isPresent()) {
                declined.add("a=crypto " + c.tag() + ": " + problem.get());
                continue;
            }
            if (rank < bestRank) {
                best = new Choice(c, suite.get());
                bestRank = rank;
            }
        }
        for (CryptoAttribute c : parsed) {
            if (best == null || c != best.offered()) {
                c.close();
            }
        }
        return best != null ? new Result(best, null) : new Result(null, String.join("; ", declined));
    }

    /**
     * Checks an attribute against its suite: key||salt length (RFC 4568 §6.1), lifetime not above
     * the suite's maximum, session parameters the server can honour (§6.3), no
     * {@code UNAUTHENTICATED_SRTP} when SRTP is required, AEAD suites always encrypting and
     * authenticating SRTP (RFC 7714 §14.2).
     */
    static Optional<String> validate(CryptoAttribute c, SrtpCryptoSuite suite, boolean required) {
        int expected = suite.masterKeyLength() + suite.masterSaltLength();
        for (int i = 0; i < c.keyParams().size(); i++) {
            KeyParam k = c.keyParams().get(i);
            String which = c.keyParams().size() == 1 ? "key" : "key " + (i + 1);
            if (k.length() != expected) {
                return Optional.of(which + " is " + k.length() + " bytes but " + suite.name() + " needs "
                        + suite.masterKeyLength() + "-byte key + " + suite.masterSaltLength() + "-byte salt = " + expected);
            }
            if (k.lifetime().isPresent() && k.lifetime().get().packets() > suite.srtpLifetime()) {
                return Optional.of(which + " lifetime " + k.lifetime().get() + " exceeds the " + suite.name()
                        + " maximum of " + suite.srtpLifetime() + " packets (RFC 4568 §6.1)");
            }
        }
        for (SessionParam p : c.sessionParams()) {
            if (p.name().equals(SessionParam.FEC_KEY)) {
                return Optional.of("FEC_KEY (separate FEC keys) is not supported");
            }
            if (!p.optional() && !ECHOED.contains(p.name())) {
                return Optional.of("unknown mandatory session parameter " + p.name() + " (RFC 4568 §6.3.7)");
            }
        }
        if (required && c.hasFlag(SessionParam.UNAUTHENTICATED_SRTP)) {
            return Optional.of("UNAUTHENTICATED_SRTP refused: SRTP is required (dev.siprec.srtp policy=required)");
        }
        if (suite.aead() && (c.hasFlag(SessionParam.UNENCRYPTED_SRTP) || c.hasFlag(SessionParam.UNAUTHENTICATED_SRTP))) {
            return Optional.of("AEAD suite " + suite.name() + " always encrypts and authenticates SRTP (RFC 7714 §14.2)");
        }
        return Optional.empty();
    }

    /** @return the session parameters of the answer: the echoed ones, in the offer's order (RFC 4568 §6.3). */
    static List<SessionParam> answerParams(CryptoAttribute offered) {
        return offered.sessionParams().stream().filter(p -> ECHOED.contains(p.name())).toList();
    }

    private static String leadingTag(String value) {
        String t = value.trim();
        int sp = t.indexOf(' ');
        String tag = sp < 0 ? t : t.substring(0, sp);
        return !tag.isEmpty() && tag.length() <= 9 && tag.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? tag : "?";
    }
}
