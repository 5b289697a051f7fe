package dev.siprec.shell.internal.config;

import java.io.IOException;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code siprec:config-set PID key value...}: changes keys of a configuration (creating it when its
 * PID is declared), validated against the metatype, written back to {@code etc/}.
 */
@Component(service = ConfigSetCommand.class, property = {"osgi.command.scope=siprec", "osgi.command.function=config-set"})
public final class ConfigSetCommand {
    private final ConfigCommands commands;

    @Activate
    public ConfigSetCommand(@Reference ConfigCommands commands) {
        this.commands = commands;
    }

    @Descriptor("Sets keys of a configuration, checked against its metatype; takes effect live and is saved to etc/")
    public void _main(CommandSession session,
            @Descriptor("accept keys and PIDs no metatype declares")
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            String command,
            @Descriptor("PID, or file name without .cfg, e.g. dev.siprec.transport.tls-default") String pid,
            @Descriptor("key value pairs; a list value is comma-separated") String... pairs) throws IOException {
        session.getConsole().print(_main(force, command, pid, pairs));
    }

    String _main(boolean force, String command, String pid, String... pairs) throws IOException {
        return commands.set(pid, pairs == null ? List.of() : List.of(pairs), force);
    }
}
