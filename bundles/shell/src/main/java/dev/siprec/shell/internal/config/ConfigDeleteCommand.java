package dev.siprec.shell.internal.config;

import java.io.IOException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code siprec:config-delete PID}: deletes a configuration; FileInstall removes its file. */
@Component(service = ConfigDeleteCommand.class, property = {"osgi.command.scope=siprec", "osgi.command.function=config-delete"})
public final class ConfigDeleteCommand {
    private final ConfigCommands commands;

    @Activate
    public ConfigDeleteCommand(@Reference ConfigCommands commands) {
        this.commands = commands;
    }

    @Descriptor("Deletes a configuration (its component falls back to defaults or stops); its file in etc/ goes too")
    public void _main(CommandSession session, String command, @Descriptor("PID, or file name without .cfg") String pid) throws IOException {
        session.getConsole().print(_main(command, pid));
    }

    String _main(String command, String pid) throws IOException {
        return commands.delete(pid);
    }
}
