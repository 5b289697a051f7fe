package dev.siprec.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the media layer, PID {@code dev.siprec.media}. */
@ObjectClassDefinition(name = "SIPREC media", description = "RTP/RTCP reception: port range, addresses, I/O threads, jitter buffer")
public @interface MediaConfig {

    @AttributeDefinition(name = "Lowest RTP port", description = "First port of the range; RTP uses even ports (RFC 3550 §11)")
    int rtp_port_min() default MediaSettings.DEFAULT_PORT_MIN;

    @AttributeDefinition(name = "Highest RTP port", description = "Last port of the range (RTCP of the last pair included)")
    int rtp_port_max() default MediaSettings.DEFAULT_PORT_MAX;

    @AttributeDefinition(name = "Bind address", description = "Address the media sockets listen on: 0.0.0.0, :: or one local address (literal)")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "Advertised address", description = "Address written into SDP answers; empty: the bind address, "
            + "or the first non-loopback local address when binding to a wildcard")
    String advertised_address() default "";

    @AttributeDefinition(name = "I/O threads", description = "Selector threads receiving media; 0 = number of cores")
    int io_threads() default 0;

    @AttributeDefinition(name = "Jitter buffer (ms)", description = "Longest wait for a missing packet before it is declared lost")
    int jitter_buffer_ms() default MediaSettings.DEFAULT_JITTER_MS;

    @AttributeDefinition(name = "Raw RTP directory", description = "Where packets of payload formats that cannot be decoded "
            + "are kept as <directory>/<session>/stream-<key>.pcap when the session names no directory; empty: counted and dropped")
    String raw_directory() default "data/raw-rtp";

    @AttributeDefinition(name = "Socket receive buffer (bytes)", description = "SO_RCVBUF asked for each media socket (the OS may cap it)")
    int socket_receive_buffer() default MediaSettings.DEFAULT_RCVBUF;

    @AttributeDefinition(name = "Latch to any source", description = "false (safe): a stream latches only to the offer's "
            + "c=/a=rtcp address, or, when that is a private (NAT) address, to the SIP peer's address, and never moves to "
            + "another address without a new offer. true: the first valid packet from anywhere latches, and another "
            + "address may take over after 2 s of silence (media relays that send from unannounced addresses)")
    boolean latch_any() default false;
}
