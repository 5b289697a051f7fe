package dev.siprec.srtp.dtls.internal;

/** Completes {@code MediaKeys.ready()} exceptionally: why the stream could not be keyed. */
final class DtlsRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Refusal refusal;

    DtlsRefusedException(Refusal refusal, String reason) {
        super("DTLS-SRTP refused (" + refusal + "): " + reason, null, false, false);
        this.refusal = refusal;
    }

    Refusal refusal() {
        return refusal;
    }
}
