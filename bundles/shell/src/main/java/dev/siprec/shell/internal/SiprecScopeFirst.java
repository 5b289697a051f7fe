package dev.siprec.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Puts the {@code siprec} scope first in every Gogo session's command search path
 * ({@code SCOPE}), so that an unscoped {@code start} is {@code siprec:start} (ids, symbolic names,
 * locations and URLs) and not Felix's (ids and URLs only). Gogo resolves an unscoped name under
 * {@code SCOPE=*} by walking its command table in hash order, so without an explicit path which of
 * two same-named commands wins changes with the set of commands installed. The other scopes keep
 * their order after {@code siprec}; a session that already names {@code siprec} first is left alone.
 */
@Component(service = CommandSessionListener.class)
public final class SiprecScopeFirst implements CommandSessionListener {
    static final String SCOPE = "SCOPE";
    static final String PREFIX = "siprec:";

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        Object current = session.get(SCOPE);
        String scope = current == null ? "*" : current.toString();
        if (!scope.startsWith(PREFIX)) {
            session.put(SCOPE, path(scope));
        }
    }

    /** @return {@code scope} with {@code siprec} first */
    static String path(String scope) {
        return scope.isEmpty() ? "siprec:*" : PREFIX + scope;
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        // nothing to undo: the path stays for the session
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // nothing to undo: the path stays for the session
    }
}
