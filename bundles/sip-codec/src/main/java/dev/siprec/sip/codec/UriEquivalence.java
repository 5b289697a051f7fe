package dev.siprec.sip.codec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** URI equivalence of RFC 3261 §19.1.4, for {@link SipUri#equivalent(SipUri)}. */
final class UriEquivalence {
    /** Parameters that make URIs differ when only one side has them (RFC 3261 §19.1.4). */
    private static final String[] STRICT_PARAMS = {"user", "ttl", "method", "maddr", "transport"};

    private UriEquivalence() {
    }

    static boolean equivalent(SipUri a, SipUri other) {
        if (other == null || !a.scheme().equals(other.scheme()) || !Objects.equals(a.user(), other.user())
                || !Objects.equals(a.password(), other.password()) || a.port() != other.port()
                || (a.host() == null ? other.host() != null : !a.host().equalsIgnoreCase(other.host()))) {
            return false;
        }
        for (String strict : STRICT_PARAMS) {
            String x = a.param(strict);
            String y = other.param(strict);
            if (a.hasParam(strict) != other.hasParam(strict) || x != null && !x.equalsIgnoreCase(y)) {
                return false;
            }
        }
        for (SipUri.Param p : a.params()) {
            SipUri.Param q = find(other.params(), p.name());
            if (q != null && !Objects.equals(lowerOrNull(p.value()), lowerOrNull(q.value()))) {
                return false;
            }
        }
        if (a.headers().size() != other.headers().size()) {
            return false;
        }
        for (SipUri.Param h : a.headers()) {
            SipUri.Param g = find(other.headers(), h.name());
            if (g == null || !Objects.equals(h.value(), g.value())) {
                return false;
            }
        }
        return true;
    }

    private static String lowerOrNull(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static SipUri.Param find(List<SipUri.Param> list, String name) {
        for (SipUri.Param p : list) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
