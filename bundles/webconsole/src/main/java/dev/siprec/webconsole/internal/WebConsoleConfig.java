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

    @AttributeDefinition(name = "Failed logins before lock-out",
            description = "Failed logins from one source address that cost nothing; each further one locks that address out (1-1000)",
            min = "1", max = "1000")
    int login_max_failures() default 5;

    @AttributeDefinition(name = "First lock-out (s)",
            description = "Seconds an address is locked out (HTTP 429 with Retry-After) after one failure too many; doubled with every further failure",
            min = "1", max = "86400")
    int login_lock_seconds() default 30;

    @AttributeDefinition(name = "Longest lock-out (s)",
            description = "Upper bound of the doubling lock-out; an address quiet this long starts afresh (login.lock.seconds-86400)",
            min = "1", max = "86400")
    int login_lock_max_seconds() default 900;
}
