package dev.siprec.sip.transport.common;

import java.net.InetSocketAddress;
import java.util.Hashtable;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import dev.siprec.sip.api.SipTransport;

/**
 * Keeps one listener registered as a {@link SipTransport} service and swaps it on a configuration
 * change: a listener on a new endpoint is opened before the old one closes (no gap in service,
 * ARCHITECTURE "hot move"); on the same endpoint the old one closes first (the port cannot be bound
 * twice). Every transport bundle uses it, so that all listeners publish the same service properties
 * ({@link #properties(SipTransport)}).
 *
 * @param <L> the listener type
 */
public final class ListenerHandle<L extends ManagedListener> {
    private final BundleContext context;
    private L current;
    private InetSocketAddress currentEndpoint;
    private ServiceRegistration<SipTransport> registration;
    private Object appliedKey;

    public ListenerHandle(BundleContext context) {
        this.context = context;
    }

    /**
     * Starts {@code next} and registers it (also when it FAILED, so that operators see the reason).
     *
     * @param endpoint the configured bind address and port of {@code next} (port 0: ephemeral)
     */
    public synchronized void replace(L next, InetSocketAddress endpoint) {
        replace(next, endpoint, null);
    }

    /**
     * Like {@link #replace(ManagedListener, InetSocketAddress)}; with a {@code failure} the listener
     * is registered as FAILED with that reason and not started.
     */
    public synchronized void replace(L next, InetSocketAddress endpoint, String failure) {
        L old = current;
        ServiceRegistration<SipTransport> oldReg = registration;
        boolean sameEndpoint = old != null && endpoint.getPort() != 0 && endpoint.equals(currentEndpoint);
        if (sameEndpoint) {
            unregister(oldReg);
            old.close();
            old = null;
            oldReg = null;
        }
        if (failure == null) {
            next.start();
        } else {
            next.fail(failure);
        }
        registration = context.registerService(SipTransport.class, next, properties(next));
        current = next;
        currentEndpoint = endpoint;
        unregister(oldReg);
        if (old != null) {
            old.close();
        }
    }

    /** Publishes the current listener's properties again, after a change applied in place. */
    public synchronized void refresh() {
        if (registration != null && current != null) {
            try {
                registration.setProperties(properties(current));
            } catch (IllegalStateException e) {
                // unregistered with the bundle
            }
        }
    }

    /**
     * @param key a value equal for equal configurations
     * @return whether {@code key} differs from the configuration applied last (and remembers it)
     */
    public synchronized boolean changed(Object key) {
        if (current != null && Objects.equals(key, appliedKey)) {
            return false;
        }
        appliedKey = key;
        return true;
    }

    /** Forgets the configuration applied last, so that the same one is applied again (a retry). */
    public synchronized void forget() {
        appliedKey = null;
    }

    /** @return the listener in service, or {@code null} */
    public synchronized L current() {
        return current;
    }

    public synchronized void close() {
        unregister(registration);
        registration = null;
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private static void unregister(ServiceRegistration<SipTransport> reg) {
        if (reg == null) {
            return;
        }
        try {
            reg.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }

    /**
     * The service properties of a listener, the same for every transport: {@link SipTransport#TRANSPORT},
     * {@link SipTransport#PORT}, {@link SipTransport#ADDRESS} (RFC 5952 text), {@link SipTransport#LISTENER},
     * {@link SipTransport#STATE} and {@code service.description}.
     */
    public static Hashtable<String, Object> properties(SipTransport l) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(SipTransport.TRANSPORT, l.transport());
        p.put(SipTransport.PORT, l.localAddress().getPort());
        p.put(SipTransport.ADDRESS, Addresses.text(l.localAddress().getAddress()));
        p.put(SipTransport.LISTENER, l.name());
        p.put(SipTransport.STATE, l.status().state().name());
        p.put(Constants.SERVICE_DESCRIPTION, "SIP " + l.transport() + " listener " + l.name());
        return p;
    }
}
