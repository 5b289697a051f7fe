package dev.siprec.sip.core.internal;

/**
 * Validated values of {@link SipCoreConfig}; immutable, swapped as a whole on {@code @Modified}.
 */
record CoreSettings(TimerSettings timers, String userAgent, String advertisedHost, int sessionExpires, int minSe,
                    int maxForwards, int maxDialogs, int retryAfter, int handlerThreads, int handlerQueue,
                    int maxTransactions, int maxSessionExpires) {

    /** Default of {@code max.session.expires}: two hours. */
    static final int DEFAULT_MAX_SESSION_EXPIRES = 7200;

    /** RFC 4028 §4: Min-SE never below 90 seconds. */
    static final int RFC4028_MIN_SE = 90;

    CoreSettings {
        if (minSe < RFC4028_MIN_SE) {
            throw new IllegalArgumentException("min.se must be >= 90 seconds (RFC 4028 §4), was " + minSe);
        }
        if (sessionExpires < minSe) {
            throw new IllegalArgumentException("session.expires (" + sessionExpires + ") must be >= min.se (" + minSe + ")");
        }
        if (maxSessionExpires < sessionExpires) {
            throw new IllegalArgumentException("max.session.expires (" + maxSessionExpires + ") must be >= session.expires ("
                    + sessionExpires + ")");
        }
        if (maxForwards < 1 || maxForwards > 255) {
            throw new IllegalArgumentException("max.forwards must be 1..255, was " + maxForwards);
        }
        if (maxDialogs < 1 || retryAfter < 0 || handlerThreads < 1 || handlerQueue < 1 || maxTransactions < 100) {
            throw new IllegalArgumentException("max.dialogs, handler.threads and handler.queue must be >= 1, "
                    + "max.transactions >= 100, retry.after >= 0");
        }
        if (userAgent.indexOf('\r') >= 0 || userAgent.indexOf('\n') >= 0 || advertisedHost.indexOf('\r') >= 0 || advertisedHost.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("user.agent and advertised.host must not contain CR or LF");
        }
    }

    /** Settings with the default {@code max.session.expires}. */
    CoreSettings(TimerSettings timers, String userAgent, String advertisedHost, int sessionExpires, int minSe,
                 int maxForwards, int maxDialogs, int retryAfter, int handlerThreads, int handlerQueue, int maxTransactions) {
        this(timers, userAgent, advertisedHost, sessionExpires, minSe, maxForwards, maxDialogs, retryAfter, handlerThreads,
                handlerQueue, maxTransactions, Math.max(DEFAULT_MAX_SESSION_EXPIRES, sessionExpires));
    }

    static CoreSettings of(SipCoreConfig c) {
        return new CoreSettings(new TimerSettings(c.t1_ms(), c.t2_ms(), c.t4_ms()), c.user_agent().trim(),
                c.advertised_host().trim(), c.session_expires(), c.min_se(), c.max_forwards(), c.max_dialogs(),
                c.retry_after(), c.handler_threads(), c.handler_queue(), c.max_transactions(), c.max_session_expires());
    }

    /** The RFC defaults, for tests and POJO use. */
    static CoreSettings defaults() {
        return new CoreSettings(TimerSettings.DEFAULTS, "siprec-srs/0.1", "", 1800, 90, 70, 10_000, 30, 4, 10_000, 100_000);
    }
}
