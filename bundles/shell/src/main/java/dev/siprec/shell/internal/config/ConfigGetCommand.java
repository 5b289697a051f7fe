package dev.siprec.shell.internal.config;

import java.io.IOException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code siprec:config-get PID}: one configuration's keys, values and defaults; secrets masked. */
@Component(service = ConfigGetCommand.class, property = {"osgi.command.scope=siprec", "osgi.command.function=config-get"})
public final class ConfigGetCommand {
    private final ConfigCommands commands;

    @Activate
    public ConfigGetCommand(@Reference ConfigCommands commands) {
        this.commands = commands;
    }

    @Descriptor("Shows a configuration's keys, values and defaults (secrets masked)")
    public void _main(CommandSession session, String command, @Descriptor("PID, or file name without .cfg, e.g. dev.siprec.transport.tls-default") String pid) throws IOException {
        session.getConsole().print(_main(command, pid));
    }

    String _main(String command, String pid) throws IOException {
        return commands.get(pid);
    }
}
