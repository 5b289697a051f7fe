package dev.siprec.srtp.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The suites currently registered, tracked dynamically (whiteboard). SDP negotiation asks it which
 * offered suites it can answer (RFC 4568 §7); media asks the {@link SrtpEngine} for a session of a
 * negotiated suite.
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
     * One registered suite as operators see it. The counters run since the registry started and
     * survive the suite being removed and added again.
     *
     * @param name SDP name
     * @param bundle symbolic name and version of the bundle that registered it
     * @param inUse SRTP sessions of this suite currently open
     * @param authFailures packets that failed authentication (RFC 3711 §3.3 step 5)
     * @param replayFailures packets rejected by the replay list (RFC 3711 §3.3.2)
     * @param implementation the suite's {@link SrtpCryptoSuite#implementation()}, empty when it does not say
     */
    record SuiteInfo(String name, String bundle, int inUse, long authFailures, long replayFailures,
            String implementation) {

        /** A suite that does not describe its implementation (the form of API 0.3). */
        public SuiteInfo(String name, String bundle, int inUse, long authFailures, long replayFailures) {
            this(name, bundle, inUse, authFailures, replayFailures, "");
        }
    }
}
