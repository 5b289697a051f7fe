package dev.siprec.sdp.api;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SRTP suite preference order that offer/answer applies (RFC 4568 §7.1.2: the answerer picks
 * the offered suite it prefers), as configured through PID {@value SdpAnswerer#SRTP_PID}. Suite
 * names are open: every suite a bundle registers is negotiable unless listed in
 * {@code suites.disabled}. The order is: the names listed in {@code suites}, in that order; then
 * every other registered suite, highest {@code service.ranking} first, then by name. Provided by
 * the {@code sdp} bundle; {@code siprec:suites} shows it.
 */
@ProviderType
public interface SrtpSuitePreferences {

    /**
     * @return every suite that is registered, listed in {@code suites} or listed in
     *         {@code suites.disabled}: the negotiable ones first in preference order, then the
     *         listed ones no bundle registers, then the disabled ones by name
     */
    List<SuiteStatus> suites();

    /** @return the names offer/answer would choose from right now, most preferred first. */
    default List<String> negotiable() {
        return suites().stream().filter(s -> s.state() == SuiteState.ENABLED).map(SuiteStatus::name).toList();
    }

    /** Whether a suite is negotiated. */
    enum SuiteState {
        /** Registered and not disabled: negotiated when offered. */
        ENABLED,
        /** Listed in {@code suites.disabled}: refused even when offered and registered (registered or not). */
        DISABLED,
        /** Listed in {@code suites} but no bundle registers it now: skipped, with a WARN naming it. */
        NOT_REGISTERED
    }

    /**
     * One suite as offer/answer sees it.
     *
     * @param name the RFC 4568 §6.2 suite name
     * @param rank 1-based place in the preference order among suites that are not disabled (a
     *             listed suite no bundle registers keeps its place), 0 for disabled suites
     * @param state whether it is negotiated
     * @param listed {@code true} when the name is listed in {@code suites} (else it is ordered by
     *               ranking and name)
     * @param ranking the {@code service.ranking} of the registered suite service, 0 when absent or
     *                not registered
     */
    record SuiteStatus(String name, int rank, SuiteState state, boolean listed, int ranking) {
        public SuiteStatus {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }
}
