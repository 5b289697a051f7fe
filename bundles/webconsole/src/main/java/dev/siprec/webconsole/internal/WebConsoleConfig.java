package dev.siprec.webconsole.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dev.siprec.webconsole}. */
@ObjectClassDefinition(name = "SIPREC web console page",
        description = "The SIPREC page of the Apache Felix Web Console (/system/console/siprec): live calls, recordings, health, drain. "
                + "HTTP address and port are those of PID org.apache.felix.http.")
public @interface WebConsoleConfig {

    @AttributeDefinition(name = "Recordings directory",
            description = "Root of the recordings; empty: the directory of the WAV sink's recording store, else <siprec.data>/recordings")
    String recording_directory() default "";

    @AttributeDefinition(name = "Results per search", description = "Most recordings listed on one page (1-1000)", min = "1", max = "1000")
    int max_results() default 100;

    @AttributeDefinition(name = "Folders read per search",
            description = "Most session folders read by one search, so a large archive keeps the page fast (10-100000)", min = "10",
            max = "100000")
    int max_scanned() default 5000;

    @AttributeDefinition(name = "Admin user PID", description = "Configuration whose 'user' names the login (the admin channel's)")
    String admin_pid() default "dev.siprec.admin.ssh";
}
