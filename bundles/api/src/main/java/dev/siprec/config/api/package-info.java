/**
 * Changing the server's configuration from code as operators do from the shell: validated against
 * the metatype and saved in {@code etc/}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.siprec.config.api;
