package dev.siprec.siprec.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.siprec.session}: who may record, how many at once, timers (RFC 7866). */
@ObjectClassDefinition(name = "SIPREC recording sessions", description = "Who may record, capacity and timers of recording sessions (RFC 7866)")
public @interface SessionConfig {
    /** The configuration PID. */
    String PID = "dev.siprec.session";

    @AttributeDefinition(description = "Most concurrent recording sessions; above it new INVITEs get 503 with Retry-After", min = "1")
    int max_sessions() default 500;

    @AttributeDefinition(description = "Record plain INVITEs that carry neither Require: siprec nor +sip.src (false: 403)")
    boolean accept_non_siprec() default true;

    @AttributeDefinition(description = "Networks allowed to record, CIDR (IPv4 or IPv6), e.g. 10.0.0.0/8, ::1/128; empty allows every source. Checked by the SIP core before any response (refused.response of dev.siprec.sip)")
    String[] allowed_sources() default {};

    @AttributeDefinition(description = "Mutual-TLS client identities allowed to record: patterns on the certificate subject CN or a SAN (DNS, URI, IP), '*' as wildcard; once set, every flow without TLS is refused; empty allows every verified client")
    String[] allowed_certificates() default {};

    @AttributeDefinition(description = "Seconds without media on a receiving stream before the server ends the session with BYE (0 disables)", min = "0")
    int media_timeout_seconds() default 60;

    @AttributeDefinition(description = "Seconds a recording client's SRTP key may be used before the server re-keys with a re-INVITE (0 disables; key lifetimes from the offer apply regardless)", min = "0")
    long max_key_age_seconds() default 0;

    @AttributeDefinition(description = "Retry-After seconds on 503 (capacity, no sink, no media ports)", min = "1")
    int retry_after_seconds() default 30;

    @AttributeDefinition(description = "Seconds a session may have no receiving stream (all inactive, or none left) "
            + "before the server ends it with BYE (0 disables)", min = "0")
    int idle_timeout_seconds() default 3600;

    @AttributeDefinition(description = "Longest a recording session may last, in seconds; then the server ends it with BYE "
            + "(0 disables)", min = "0")
    long max_session_duration() default 14400;

    @AttributeDefinition(description = "Streams one session may open in all (initial offer and re-INVITEs); a re-INVITE "
            + "that would open more gets 403 and the call goes on", min = "1")
    int max_streams() default 64;

    @AttributeDefinition(description = "Metadata versions one session may send; a re-INVITE with one more gets 403 and "
            + "the call goes on", min = "1")
    int max_metadata_versions() default 100;

    @AttributeDefinition(description = "Telephone events (DTMF) kept per session; later ones are counted and dropped",
            min = "0")
    int max_dtmf_events() default 10000;
}
