/**
 * OSGi Event Admin topics and properties the server posts for recording sessions, for operations
 * (webhooks, archiving, analytics) written inside or outside this project.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.siprec.events.api;
