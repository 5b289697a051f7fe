package dev.siprec.sip.core.internal;

import java.util.Locale;

/**
 * Identifies a transaction (RFC 3261 §17.1.3, §17.2.3).
 *
 * <p>For requests with a branch starting with the magic cookie {@code z9hG4bK} the key is branch,
 * sent-by and method, where ACK maps to INVITE (the ACK for a non-2xx shares the INVITE's branch)
 * and CANCEL stays CANCEL (its own transaction). For RFC 2543 requests without the cookie, the key
 * is made of Request-URI, From tag, Call-ID, CSeq number, top Via and method (§17.2.3, last
 * paragraphs) — the To tag is left out so that the ACK of a non-2xx matches its INVITE.
 *
 * @param branch the branch, or the RFC 2543 composite
 * @param sentBy the top Via sent-by, lower case (empty for client keys)
 * @param method INVITE for INVITE and ACK, otherwise the request method
 */
record TransactionKey(String branch, String sentBy, String method) {

    /** The RFC 3261 branch magic cookie (§8.1.1.7). */
    static final String MAGIC_COOKIE = "z9hG4bK";

    /**
     * A server transaction key.
     *
     * @param branch top Via branch, may be {@code null}
     * @param sentBy top Via host[:port]
     * @param method request method
     * @param legacy the RFC 2543 identity: request URI, from tag, call-id, CSeq number, top Via
     */
    static TransactionKey server(String branch, String sentBy, String method, String legacy) {
        String m = matchMethod(method);
        if (branch != null && branch.startsWith(MAGIC_COOKIE)) {
            return new TransactionKey(branch, sentBy.toLowerCase(Locale.ROOT), m);
        }
        return new TransactionKey("2543|" + legacy, "", m);
    }

    /** A client transaction key (§17.1.3): branch of our Via and CSeq method. */
    static TransactionKey client(String branch, String cseqMethod) {
        return new TransactionKey(branch, "", matchMethod(cseqMethod));
    }

    private static String matchMethod(String method) {
        return "ACK".equals(method) ? "INVITE" : method;
    }

    /** @return whether this key follows RFC 3261 (magic cookie branch). */
    boolean rfc3261() {
        return !branch.startsWith("2543|");
    }
}
