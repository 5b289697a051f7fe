package dev.siprec.keys.internal.tls;

import java.security.Provider;
import java.util.function.Supplier;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance of this bundle, created on first use. Creating it registers
 * several hundred algorithms and took 1.8 s of a cold start on a loaded 2-core machine (see
 * docs/performance.md), while only encrypted PEM keys need it: plain PEM keys are read through the
 * JDK's key factories and the self-signed certificate is signed by the JDK's EC provider. Never
 * added to {@link java.security.Security}, so a bundle update leaves nothing behind.
 */
final class LazyBouncyCastle implements Supplier<Provider> {
    private volatile Provider provider;

    @Override
    public Provider get() {
        Provider p = provider;
        if (p == null) {
            synchronized (this) {
                p = provider;
                if (p == null) {
                    p = new BouncyCastleProvider();
                    provider = p;
                }
            }
        }
        return p;
    }

    /** @return whether the provider has been created (for tests) */
    boolean created() {
        return provider != null;
    }
}
