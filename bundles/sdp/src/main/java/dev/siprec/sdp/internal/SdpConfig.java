package dev.siprec.sdp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.siprec.sdp}: what the recorder can decode and the SDP parser's limits. */
@ObjectClassDefinition(name = "SIPREC SDP",
        description = "Codecs the recorder answers and the limits of the SDP parser (RFC 8866, RFC 3264).")
public @interface SdpConfig {

    @AttributeDefinition(description = "Audio codecs the server can decode and so accepts when offered, as "
            + "name or name/clockrate[/channels], e.g. PCMU, G722, opus/48000/2. telephone-event and CN are "
            + "always accepted when offered.")
    String[] codecs() default {"PCMU", "PCMA", "G722", "opus"};

    @AttributeDefinition(description = "Largest SDP body in bytes.")
    int max_bytes() default 65536;

    @AttributeDefinition(description = "Most lines in an SDP body.")
    int max_lines() default 4096;

    @AttributeDefinition(description = "Longest SDP line in characters.")
    int max_line_length() default 4096;

    @AttributeDefinition(description = "Most m= sections in an SDP body.")
    int max_media() default 64;

    @AttributeDefinition(description = "Most attributes per SDP section.")
    int max_attributes() default 256;
}
