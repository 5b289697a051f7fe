package dev.siprec.sip.core.internal;

/**
 * Validated values of {@link SipCoreConfig}; immutable, swapped as a whole on {@code @Modified}.
 */
record CoreSettings(TimerSettings timers, String userAgent, String advertisedHost, int sessionExpires, int minSe,
                    int maxForwards, int maxDialogs, int retryAfter, int handlerThreads, int handlerQueue,
                    int maxTransactions, int maxSessionExpires, RefusedResponse refusedResponse, boolean routeToContact, long dnsTimeoutMs,
                    long dnsCacheSeconds, long maxRetainedBytes) {

    /** What a request from a refused source gets ({@code refused.response}). */
    enum RefusedResponse {
        /** One stateless {@code 403 Forbidden}, never retransmitted (the default). */
        FORBIDDEN,
        /** Nothing at all. */
        NONE;

        static RefusedResponse parse(String v) {
            String t = v == null ? "" : v.strip();
            return switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "403", "forbidden", "" -> FORBIDDEN;
                case "none", "drop" -> NONE;
                default -> throw new IllegalArgumentException("refused.response must be 403 or none, was '" + t + "'");
            };
        }
    }

    /** Default of {@code max.session.expires}: two hours. */
    static final int DEFAULT_MAX_SESSION_EXPIRES = 7200;

    /** Defaults of the hardening settings (see {@link SipCoreConfig}). */
    static final long DNS_TIMEOUT_MS = 2000;
    static final long DNS_CACHE_SECONDS = 60;
    static final long MAX_RETAINED_BYTES = 32L * 1024 * 1024;

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
        if (refusedResponse == null) {
            throw new IllegalArgumentException("refused.response must be 403 or none");
        }
        if (dnsTimeoutMs < 1 || dnsTimeoutMs > 60_000 || dnsCacheSeconds < 0 || dnsCacheSeconds > 86_400) {
            throw new IllegalArgumentException("dns.timeout.ms must be 1..60000 and dns.cache.seconds 0..86400, were "
                    + dnsTimeoutMs + " and " + dnsCacheSeconds);
        }
        if (maxRetainedBytes < 1024 * 1024) {
            throw new IllegalArgumentException("max.retained.bytes must be >= 1048576 (1 MiB), was " + maxRetainedBytes);
        }
    }

    /** The settings before the hardening keys, with their safe defaults. */
    CoreSettings(TimerSettings timers, String userAgent, String advertisedHost, int sessionExpires, int minSe,
                 int maxForwards, int maxDialogs, int retryAfter, int handlerThreads, int handlerQueue, int maxTransactions) {
        this(timers, userAgent, advertisedHost, sessionExpires, minSe, maxForwards, maxDialogs, retryAfter, handlerThreads,
                handlerQueue, maxTransactions, Math.max(DEFAULT_MAX_SESSION_EXPIRES, sessionExpires));
    }

    /** Settings with a {@code max.session.expires} and the safe defaults of the other hardening keys. */
    CoreSettings(TimerSettings timers, String userAgent, String advertisedHost, int sessionExpires, int minSe,
                 int maxForwards, int maxDialogs, int retryAfter, int handlerThreads, int handlerQueue, int maxTransactions,
                 int maxSessionExpires) {
        this(timers, userAgent, advertisedHost, sessionExpires, minSe, maxForwards, maxDialogs, retryAfter, handlerThreads,
                handlerQueue, maxTransactions, maxSessionExpires, RefusedResponse.FORBIDDEN, false, DNS_TIMEOUT_MS,
                DNS_CACHE_SECONDS, MAX_RETAINED_BYTES);
    }

    /** @return these settings with other hardening values (tests and POJO use). */
    CoreSettings with(RefusedResponse refused, boolean toContact, long dnsTimeout, long dnsCache, long maxRetained) {
        return new CoreSettings(timers, userAgent, advertisedHost, sessionExpires, minSe, maxForwards, maxDialogs, retryAfter,
                handlerThreads, handlerQueue, maxTransactions, maxSessionExpires, refused, toContact, dnsTimeout, dnsCache,
                maxRetained);
    }

    static CoreSettings of(SipCoreConfig c) {
        return new CoreSettings(new TimerSettings(c.t1_ms(), c.t2_ms(), c.t4_ms()), c.user_agent().trim(),
                c.advertised_host().trim(), c.session_expires(), c.min_se(), c.max_forwards(), c.max_dialogs(),
                c.retry_after(), c.handler_threads(), c.handler_queue(), c.max_transactions(), c.max_session_expires(),
                RefusedResponse.parse(c.refused_response()), c.route_to_contact(), c.dns_timeout_ms(), c.dns_cache_seconds(),
                c.max_retained_bytes());
    }

    /** The RFC defaults, for tests and POJO use. */
    static CoreSettings defaults() {
        return new CoreSettings(TimerSettings.DEFAULTS, "siprec-srs/0.1", "", 1800, 90, 70, 10_000, 30, 4, 10_000, 100_000);
    }
}
