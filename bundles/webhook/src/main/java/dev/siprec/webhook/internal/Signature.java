package dev.siprec.webhook.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) over the exact request body, sent as
 * {@code X-Siprec-Signature: sha256=<lower-case hex>} (the shape GitHub's and Stripe's receivers
 * check). A receiver recomputes it with the shared secret and compares in constant time.
 */
final class Signature {
    static final String HEADER = "X-Siprec-Signature";
    static final String PREFIX = "sha256=";

    private final byte[] key;

    Signature(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the webhook secret must be at least 16 bytes (128 bits)");
        }
        this.key = key.clone();
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Overwrites the key; the object is unusable afterwards. */
    void wipe() {
        Arrays.fill(key, (byte) 0);
    }
}
