package dev.siprec.shell.internal.config;

import java.io.IOException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code siprec:config-list [filter]}: every configuration, with its file in {@code etc/}. */
@Component(service = ConfigListCommand.class, property = {"osgi.command.scope=siprec", "osgi.command.function=config-list"})
public final class ConfigListCommand {
    private final ConfigCommands commands;

    @Activate
    public ConfigListCommand(@Reference ConfigCommands commands) {
        this.commands = commands;
    }

    @Descriptor("Lists every configuration (PID, factory PID, file in etc/)")
    public void _main(CommandSession session, String command) throws IOException {
        session.getConsole().print(_main(command));
    }

    String _main(String command) throws IOException {
        return commands.list(null);
    }

    @Descriptor("Lists the configurations whose name or PID contains the filter")
    public void _main(CommandSession session, String command, @Descriptor("text to look for in the name or PID") String filter) throws IOException {
        session.getConsole().print(_main(command, filter));
    }

    String _main(String command, String filter) throws IOException {
        return commands.list(filter);
    }
}
