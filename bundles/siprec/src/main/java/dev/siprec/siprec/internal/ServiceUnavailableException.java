package dev.siprec.siprec.internal;

/** A service the session logic needs is not registered right now; the request gets {@code 503}. */
final class ServiceUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ServiceUnavailableException(String service) {
        super(service + " is not available");
    }
}
