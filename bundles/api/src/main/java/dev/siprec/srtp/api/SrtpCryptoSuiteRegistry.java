package dev.siprec.srtp.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The suites currently registered, tracked dynamically (whiteboard). SDP negotiation asks it which
 * offered suites it can answer; media asks it for the suite of a negotiated stream.
 */
@ProviderType
public interface SrtpCryptoSuiteRegistry {

    /** @return the suite registered under {@code name}, if any right now. */
    Optional<SrtpCryptoSuite> suite(String name);

    /** @return the names of all registered suites, sorted. */
    List<String> names();

    /** @return what operators see of each registered suite. */
    List<SuiteInfo> suites();

    /**
     * One registered suite as operators see it.
     *
     * @param name SDP name
     * @param bundle symbolic name of the bundle that registered it
     * @param inUse transforms of this suite currently open
     */
    record SuiteInfo(String name, String bundle, int inUse) {
    }
}
