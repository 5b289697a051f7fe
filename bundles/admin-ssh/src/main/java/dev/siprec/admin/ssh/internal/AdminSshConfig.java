package dev.siprec.admin.ssh.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.siprec.admin.ssh}. */
@ObjectClassDefinition(name = "SIPREC admin channel",
        description = "Loopback SSH server that runs Gogo commands for bin/siprec-admin and operators.")
public @interface AdminSshConfig {

    @AttributeDefinition(description = "Loopback address to listen on; non-loopback addresses are refused.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port; 0 picks a free port (written to <data>/admin/port).")
    int port() default 8101;

    @AttributeDefinition(description = "User name for password login with the generated secret in <data>/admin/secret.")
    String user() default "admin";

    @AttributeDefinition(description = "Seconds of inactivity after which a session is closed.")
    int idle_timeout_seconds() default 600;

    @AttributeDefinition(description = "Maximum commands running at once.")
    int max_concurrent_commands() default 4;
}
