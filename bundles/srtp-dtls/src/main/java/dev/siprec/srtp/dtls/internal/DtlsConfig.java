package dev.siprec.srtp.dtls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of DTLS-SRTP, PID {@value #PID} ({@code etc/dev.siprec.dtls.cfg}). */
@ObjectClassDefinition(name = "SIPREC DTLS-SRTP",
        description = "DTLS-SRTP key exchange (RFC 5763/5764): server certificate rotation and handshake limits")
@interface DtlsConfig {
    String PID = "dev.siprec.dtls";

    @AttributeDefinition(description = "Period after which a new ECDSA P-256 self-signed certificate answers new offers, "
            + "in minutes (1..5256000); calls already answered keep theirs")
    long certificate_rotation_minutes() default 1440;

    @AttributeDefinition(description = "A DTLS handshake that does not complete in this time is refused (1..300 s); "
            + "a stream whose port sees no completed handshake within 3 times this is refused")
    int handshake_timeout_seconds() default 10;

    @AttributeDefinition(description = "Longest datagram accepted as DTLS on a media port, in bytes (512..65507)")
    int max_datagram_bytes() default 1500;

    @AttributeDefinition(description = "Handshakes one source address and port may start on one stream (1..100)")
    int max_handshakes_per_source() default 3;

    @AttributeDefinition(description = "DTLS datagrams per second and stream; the excess is dropped and counted (10..100000)")
    int max_datagrams_per_second() default 200;

    @AttributeDefinition(description = "Threads that run handshakes (1..64); Bouncy Castle's handshake blocks while it waits")
    int handshake_threads() default 4;

    @AttributeDefinition(description = "Handshakes waiting for a thread before new ones are refused as busy (0..100000)")
    int handshake_queue() default 256;
}
