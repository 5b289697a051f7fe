package dev.siprec.sip.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code dev.siprec.sip}: timers, identity, session timers and admission. */
@ObjectClassDefinition(id = "dev.siprec.sip", name = "SIP core", description = "SIP transactions, dialogs and session timers (RFC 3261, RFC 4028)")
public @interface SipCoreConfig {

    @AttributeDefinition(name = "T1 (ms)", description = "RTT estimate, RFC 3261 §17.1.1.1", min = "10")
    long t1_ms() default 500;

    @AttributeDefinition(name = "T2 (ms)", description = "Maximum retransmit interval, RFC 3261 §17.1.2.2", min = "10")
    long t2_ms() default 4000;

    @AttributeDefinition(name = "T4 (ms)", description = "Maximum duration a message stays in the network, RFC 3261 §17.1.2.2", min = "10")
    long t4_ms() default 5000;

    @AttributeDefinition(description = "Server and User-Agent header value; empty for none")
    String user_agent() default "siprec-srs/0.1";

    @AttributeDefinition(description = "Host (name or IP) written in Contact and Via; empty: the listener's address, or the Request-URI host when bound to a wildcard")
    String advertised_host() default "";

    @AttributeDefinition(description = "Session-Expires the server asks for (s), RFC 4028 §4", min = "90")
    int session_expires() default 1800;

    @AttributeDefinition(description = "Smallest session interval accepted (s); smaller requests get 422 (RFC 4028 §5)", min = "90")
    int min_se() default 90;

    @AttributeDefinition(description = "Largest session interval agreed (s): a larger Session-Expires or Min-SE of the "
            + "client is lowered to it (RFC 4028 §9), so that a dead client cannot keep a dialog for days", min = "90")
    int max_session_expires() default 7200;

    @AttributeDefinition(description = "Max-Forwards of requests the server sends; incoming requests with 0 get 483 (RFC 3261 §8.1.1.6, §16.3)", min = "1", max = "255")
    int max_forwards() default 70;

    @AttributeDefinition(description = "Draining: new INVITEs and out-of-dialog OPTIONS are answered 503 with Retry-After")
    boolean draining() default false;

    @AttributeDefinition(description = "Capacity: at this many dialogs new INVITEs and OPTIONS get 503 with Retry-After", min = "1")
    int max_dialogs() default 10_000;

    @AttributeDefinition(description = "Retry-After seconds of 503 answers", min = "0")
    int retry_after() default 30;

    @AttributeDefinition(description = "Live transactions at most (flood protection): beyond it new requests get a stateless 503", min = "100")
    int max_transactions() default 100_000;

    @AttributeDefinition(description = "Threads calling the request handler (off the transport I/O threads), unless it registers with sip.handler.inline=true", min = "1", max = "64")
    int handler_threads() default 4;

    @AttributeDefinition(description = "Requests waiting for a handler thread before new ones get 503", min = "1")
    int handler_queue() default 10_000;

    @AttributeDefinition(description = "What a request from a source the request handler refuses (allowed.sources, allowed.certificates) gets, "
            + "before any 100 Trying or transaction state: 403 (one stateless 403 Forbidden, never retransmitted) or none (nothing)",
            options = {@Option(label = "one stateless 403", value = "403"), @Option(label = "nothing", value = "none")})
    String refused_response() default "403";

    @AttributeDefinition(description = "Send the server's own requests (BYE, re-INVITE, UPDATE) to the Contact / Record-Route target "
            + "(RFC 3261 §12.2.1.1). false: to the address the dialog's requests came from (no reflection to third hosts, no DNS)")
    boolean route_to_contact() default false;

    @AttributeDefinition(description = "Longest wait for a host name lookup of a request target (ms); runs off the SIP timer thread", min = "1", max = "60000")
    long dns_timeout_ms() default 2000;

    @AttributeDefinition(description = "How long a host name lookup (answer or failure) is reused (s); 0: not cached", min = "0", max = "86400")
    long dns_cache_seconds() default 60;

    @AttributeDefinition(description = "Bytes of requests and responses the server transactions may retain (INVITEs waiting for ACK, "
            + "final responses kept for retransmission); beyond it new requests get a stateless 503", min = "1048576")
    long max_retained_bytes() default 33_554_432L;
}
