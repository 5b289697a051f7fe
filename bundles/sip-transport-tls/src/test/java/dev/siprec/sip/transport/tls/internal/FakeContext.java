package dev.siprec.sip.transport.tls.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.siprec.sip.api.SipTransport;

/** A BundleContext that records service registrations, for testing components without a framework. */
final class FakeContext {
    /** One registration. */
    static final class Registration {
        final SipTransport service;
        final Map<String, Object> properties;
        volatile boolean unregistered;

        Registration(SipTransport service, Map<String, Object> properties) {
            this.service = service;
            this.properties = properties;
        }
    }

    final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    BundleContext context() {
        ClassLoader cl = getClass().getClassLoader();
        return (BundleContext) Proxy.newProxyInstance(cl, new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
            if (!method.getName().equals("registerService")) {
                throw new UnsupportedOperationException(method.getName());
            }
            Dictionary<?, ?> d = (Dictionary<?, ?>) args[2];
            Map<String, Object> props = new java.util.HashMap<>();
            for (Object k : Collections.list(d.keys())) {
                props.put((String) k, d.get(k));
            }
            Registration r = new Registration((SipTransport) args[1], props);
            registrations.add(r);
            events.add("register " + props.get(SipTransport.PORT));
            return Proxy.newProxyInstance(cl, new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                if (m.getName().equals("unregister")) {
                    if (r.unregistered) {
                        throw new IllegalStateException("already unregistered");
                    }
                    r.unregistered = true;
                    events.add("unregister " + props.get(SipTransport.PORT));
                    return null;
                }
                throw new UnsupportedOperationException(m.getName());
            });
        });
    }
}
