/**
 * The recording model (RFC 7865 metadata, RFC 7866 sessions) and the plug-in contracts of what is
 * done with a recording: {@link dev.siprec.recording.api.RecordingSink} receives decoded audio and
 * events, {@link dev.siprec.recording.api.SessionListener} receives lifecycle events.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.siprec.recording.api;
