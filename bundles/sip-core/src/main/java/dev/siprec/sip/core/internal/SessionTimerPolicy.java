package dev.siprec.sip.core.internal;

import java.util.Locale;

import dev.siprec.sip.api.SipMessage;
import dev.siprec.sip.api.SipRequest;

/**
 * The UAS side of session-timer negotiation (RFC 4028 §9): checks {@code Session-Expires} against
 * the local and requested {@code Min-SE}, chooses the interval and the refresher (the client when it
 * supports {@code timer}, §9: "the UAS SHOULD ... refresher=uac" when the UAC supports it), and
 * writes the response headers.
 */
final class SessionTimerPolicy {

    /** Outcome of the negotiation. */
    sealed interface Outcome permits Reject, Agreed, NotUsed { }

    /** Answer 422 with {@code Min-SE: minSe} (RFC 4028 §9, §6). */
    record Reject(int minSe) implements Outcome { }

    /** No session timer for this session (the UAC did not ask and the handler does not support it). */
    record NotUsed() implements Outcome { }

    /**
     * The agreed timer.
     *
     * @param interval Session-Expires in seconds
     * @param uasRefreshes whether the server refreshes
     * @param uacSupportsTimer whether {@code Require: timer} goes into the 2xx (§9)
     */
    record Agreed(int interval, boolean uasRefreshes, boolean uacSupportsTimer) implements Outcome {
        /** @return the Session-Expires header value. */
        String sessionExpires() {
            return interval + ";refresher=" + (uasRefreshes ? "uas" : "uac");
        }

        /** @return delay before the server refreshes: half the interval (§10). */
        long refreshDelayMs() {
            return interval * 1000L / 2;
        }

        /** @return delay before the server gives up waiting for a refresh: SE − min(32, SE/3) (§10). */
        long expiryDelayMs() {
            return (interval - Math.min(32L, interval / 3L)) * 1000L;
        }
    }

    /** A parsed Session-Expires value (RFC 4028 §4): delta-seconds and an optional refresher. */
    record SessionExpires(long delta, String refresher) {
        static SessionExpires parse(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(";");
            long delta = parseDelta(parts[0]);
            String refresher = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("refresher")) {
                    refresher = p.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
                    if (!refresher.equals("uac") && !refresher.equals("uas")) {
                        throw new IllegalArgumentException("refresher must be uac or uas: " + refresher);
                    }
                }
            }
            return new SessionExpires(delta, refresher);
        }
    }

    private SessionTimerPolicy() {
    }

    /** Parses delta-seconds (RFC 4028 §4, at most 2^32-1; values above an int are capped). */
    static long parseDelta(String s) {
        String t = s.trim();
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi).trim();
        }
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("delta-seconds expected: '" + s + "'");
        }
        return Math.min(Long.parseLong(t), Integer.MAX_VALUE);
    }

    /** Negotiates with no upper bound but the local Session-Expires and the client's Min-SE (tests). */
    static Outcome negotiate(SipRequest request, int localSe, int localMinSe, boolean enabled) {
        return negotiate(request, localSe, localMinSe, Integer.MAX_VALUE, enabled);
    }

    /**
     * Negotiates for an INVITE or UPDATE.
     *
     * @param maxSe the largest interval agreed: a client's larger Session-Expires is lowered to it (§9 lets the UAS
     *              lower it), and so is a larger Min-SE, which would otherwise keep a dead client's dialog for
     *              up to 2^32 s (§9 says not to go below Min-SE; the bound on resources wins here)
     * @param enabled whether a handler lists the {@code timer} option tag
     * @throws IllegalArgumentException for a malformed Session-Expires or Min-SE (the caller answers 400)
     */
    static Outcome negotiate(SipRequest request, int localSe, int localMinSe, int maxSe, boolean enabled) {
        if (!enabled) {
            return new NotUsed();
        }
        boolean uacTimer = supports(request, "timer");
        SessionExpires se = SessionExpires.parse(request.header("Session-Expires"));
        String minSeHeader = request.header("Min-SE");
        long minSe = Math.max(localMinSe, minSeHeader == null ? 0 : parseDelta(minSeHeader));
        if (se != null) {
            if (se.delta() < localMinSe) {
                return new Reject(localMinSe);
            }
            long interval = Math.min(Math.max(Math.min(se.delta(), localSe), minSe), maxSe);
            boolean uas = se.refresher() != null ? se.refresher().equals("uas") : !uacTimer;
            if (!uacTimer) {
                uas = true; // a UAC without "timer" cannot refresh on our behalf (§9)
            }
            return new Agreed((int) interval, uas, uacTimer);
        }
        long interval = Math.min(Math.max(localSe, minSe), maxSe);
        return new Agreed((int) interval, !uacTimer, uacTimer);
    }

    /** @return whether {@code Supported} or {@code Require} of the message lists {@code tag}. */
    static boolean supports(SipMessage m, String tag) {
        for (String h : new String[] {"Supported", "Require"}) {
            for (String v : m.headers(h)) {
                for (String t : v.split(",")) {
                    if (t.trim().equalsIgnoreCase(tag)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
