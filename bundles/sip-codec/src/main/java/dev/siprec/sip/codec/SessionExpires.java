package dev.siprec.sip.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code Session-Expires} value (RFC 4028 §4): a delta in seconds and an optional
 * {@code refresher=uac|uas} parameter.
 *
 * @param deltaSeconds the session interval, at least 1 (RFC 4028 §4)
 * @param refresher {@code "uac"}, {@code "uas"} or {@code null} when absent
 * @param params all parameters in order, {@code refresher} included
 */
public record SessionExpires(long deltaSeconds, String refresher, Parameters params) {
    /** Refresher value: the UAC refreshes. */
    public static final String UAC = "uac";
    /** Refresher value: the UAS refreshes. */
    public static final String UAS = "uas";

    /** Validates the interval and refresher. */
    public SessionExpires {
        Objects.requireNonNull(params, "params");
        if (deltaSeconds < 1 || deltaSeconds > 0xFFFFFFFFL) {
            throw new SipSyntaxException("Session-Expires: interval out of range");
        }
        if (refresher != null && !UAC.equals(refresher) && !UAS.equals(refresher)) {
            throw new SipSyntaxException("Session-Expires: refresher must be uac or uas");
        }
    }

    /**
     * @param value e.g. {@code 1800;refresher=uac}
     * @return the parsed value
     * @throws SipSyntaxException if malformed
     */
    public static SessionExpires parse(String value) {
        Cursor c = new Cursor(Objects.requireNonNull(value, "value"), "Session-Expires");
        long delta = DeltaSeconds.parse(c);
        Parameters params = Parameters.parse(c);
        c.expectEnd();
        String r = params.get("refresher");
        return new SessionExpires(delta, r == null ? null : r.toLowerCase(Locale.ROOT), params);
    }

    /** @return a value with the given interval and refresher ({@code null} for none) */
    public static SessionExpires of(long deltaSeconds, String refresher) {
        Parameters p = refresher == null ? Parameters.EMPTY : Parameters.EMPTY.with("refresher", refresher);
        return new SessionExpires(deltaSeconds, refresher, p);
    }

    /** @return wire form, e.g. {@code 1800;refresher=uas} */
    @Override
    public String toString() {
        return deltaSeconds + params.toString();
    }
}
