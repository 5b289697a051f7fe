package dev.siprec.recording.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The sinks currently registered (whiteboard), for the session logic and operators. */
@ProviderType
public interface RecordingSinkRegistry {

    /** @return registered sinks in service-ranking order. */
    List<RecordingSink> sinks();

    /** @return the names ({@link RecordingSink#SINK}) of the registered sinks. */
    List<String> names();
}
