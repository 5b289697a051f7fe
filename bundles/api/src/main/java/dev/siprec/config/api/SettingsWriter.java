package dev.siprec.config.api;

import java.io.IOException;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes settings exactly as an operator's {@code siprec:config-set} does: each value is validated
 * against the configuration's metatype (a wrong one is refused with the allowed range), the change
 * goes through Config Admin, and it is saved in FileInstall's {@code etc/} folder, so it survives a
 * restart; when the configuration does not exist yet, a new {@code etc/<pid>.cfg} is written and
 * FileInstall turns it into the configuration. Other bundles (the web console's drain switch) use
 * this service instead of writing configurations themselves.
 */
@ProviderType
public interface SettingsWriter {

    /**
     * @param pid the PID, or for one instance of a factory configuration its file name without
     *        {@code .cfg} ({@code factoryPid-name})
     * @param values key to value as text; converted to the metatype's type
     * @return what changed and where it was saved, one line per key, for a log or an operator
     * @throws IllegalArgumentException a key or value the metatype refuses, with the allowed range
     * @throws IOException Config Admin or {@code etc/} could not be written
     */
    String set(String pid, Map<String, String> values) throws IOException;
}
