package dev.siprec.sip.transport.stream.internal;

import java.util.Hashtable;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.siprec.sip.api.SipTransport;

/**
 * Keeps one listener registered as a {@link SipTransport} service and swaps it on a configuration
 * change: a listener on a new endpoint is opened before the old one closes (no gap in service);
 * on the same endpoint the old one closes first (the port cannot be bound twice).
 */
public final class ListenerHandle {
    private final BundleContext context;
    private StreamListener current;
    private StreamSettings currentSettings;
    private ServiceRegistration<SipTransport> registration;
    private Object appliedKey;

    public ListenerHandle(BundleContext context) {
        this.context = context;
    }

    /** Starts {@code next} and registers it (also when it FAILED, so that operators see the reason). */
    public synchronized void replace(StreamListener next, StreamSettings settings) {
        replace(next, settings, null);
    }

    /**
     * Like {@link #replace(StreamListener, StreamSettings)}; with a {@code failure} the listener is
     * registered as FAILED with that reason and not started.
     */
    public synchronized void replace(StreamListener next, StreamSettings settings, String failure) {
        StreamListener old = current;
        ServiceRegistration<SipTransport> oldReg = registration;
        boolean sameEndpoint = old != null && settings.port() != 0
                && settings.port() == currentSettings.port()
                && Objects.equals(settings.bindAddress(), currentSettings.bindAddress());
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
        currentSettings = settings;
        unregister(oldReg);
        if (old != null) {
            old.close();
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
    public synchronized StreamListener current() {
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

    /** Service properties of a listener as the SIP core and the shell select them. */
    static Hashtable<String, Object> properties(StreamListener l) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(SipTransport.TRANSPORT, l.transport());
        p.put(SipTransport.PORT, l.localAddress().getPort());
        p.put(SipTransport.ADDRESS, Addresses.text(l.localAddress().getAddress()));
        p.put(SipTransport.LISTENER, l.name());
        p.put("sip.state", l.status().state().name());
        p.put("service.description", "SIP " + l.transport() + " listener " + l.name());
        return p;
    }
}
