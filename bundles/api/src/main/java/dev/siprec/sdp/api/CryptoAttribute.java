package dev.siprec.sdp.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An {@code a=crypto} attribute for SRTP (RFC 4568 §5, §6, §9.1):
 * {@code <tag> <crypto-suite> <key-params> [<session-params>]}. The key bytes inside the
 * {@link KeyParam}s are never shown by {@link #toString()}.
 *
 * @param tag identifies the attribute within its m-section; the answer repeats the chosen one (1..999999999 digits, §5.1)
 * @param suite the crypto-suite name, e.g. {@code AES_CM_128_HMAC_SHA1_80} (§6.2)
 * @param keyParams one or more key parameters; several keys carry MKIs of one length (§6.1)
 * @param sessionParams session parameters in order, unknown ones included (§6.3)
 */
public record CryptoAttribute(long tag, String suite, List<KeyParam> keyParams, List<SessionParam> sessionParams)
        implements AutoCloseable {
    /** Largest tag: 9 decimal digits (RFC 4568 §9.1). */
    public static final long MAX_TAG = 999_999_999L;

    public CryptoAttribute {
        if (tag < 0 || tag > MAX_TAG) {
            throw new IllegalArgumentException("crypto tag must be 0.." + MAX_TAG + ": " + tag);
        }
        Objects.requireNonNull(suite, "suite");
        keyParams = List.copyOf(keyParams);
        sessionParams = List.copyOf(sessionParams);
        if (keyParams.isEmpty()) {
            throw new IllegalArgumentException("a crypto attribute needs at least one key parameter");
        }
    }

    /** @return the first session parameter named {@code name}. */
    public Optional<SessionParam> sessionParam(String name) {
        return sessionParams.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** @return {@code true} when the flag parameter {@code name} is present. */
    public boolean hasFlag(String name) {
        return sessionParam(name).isPresent();
    }

    /**
     * @return the key derivation rate for the SRTP engine: 0 when {@code KDR} is absent (one
     *         derivation only), else 2^n for {@code KDR=n} (RFC 4568 §6.3.1, RFC 3711 §4.3.1)
     * @throws IllegalStateException when the value is not a number in 1..24 (the parser rejects that)
     */
    public long keyDerivationRate() {
        Optional<SessionParam> kdr = sessionParam(SessionParam.KDR);
        if (kdr.isEmpty()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(kdr.get().value());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("KDR is not a number");
        }
        if (n < 1 || n > 24) {
            throw new IllegalStateException("KDR must be 1..24: " + n);
        }
        return 1L << n;
    }

    /** @return the {@code WSH} window size hint (RFC 4568 §6.3.6), if given. */
    public OptionalInt windowSizeHint() {
        Optional<SessionParam> wsh = sessionParam(SessionParam.WSH);
        if (wsh.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(wsh.get().value()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("WSH is not a number");
        }
    }

    /**
     * Zeroes the key bytes of every key parameter ({@link KeyParam#close()}).
     *
     * @since 0.3
     */
    @Override
    public void close() {
        keyParams.forEach(KeyParam::close);
    }

    /** @deprecated the same as {@link #close()}; use {@link #close()}. */
    @Deprecated
    public void wipe() {
        close();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("crypto:").append(tag).append(' ').append(suite);
        for (int i = 0; i < keyParams.size(); i++) {
            b.append(i == 0 ? ' ' : ';').append(keyParams.get(i));
        }
        sessionParams.forEach(p -> b.append(' ').append(p));
        return b.toString();
    }
}
