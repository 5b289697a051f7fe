package dev.siprec.sip.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

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

    @AttributeDefinition(description = "Threads calling the request handler (off the transport I/O threads)", min = "1", max = "64")
    int handler_threads() default 4;

    @AttributeDefinition(description = "Requests waiting for a handler thread before new ones get 503", min = "1")
    int handler_queue() default 10_000;
}
