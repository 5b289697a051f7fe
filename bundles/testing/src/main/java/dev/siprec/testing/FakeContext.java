package dev.siprec.testing;

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
public final class FakeContext {
    /** One registration. */
    public static final class Registration {
        public final SipTransport service;
        public final Map<String, Object> properties;
        public volatile boolean unregistered;

        Registration(SipTransport service, Map<String, Object> properties) {
            this.service = service;
            this.properties = properties;
        }
    }

    public final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    public final List<String> events = Collections.synchronizedList(new ArrayList<>());

    public BundleContext context() {
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
