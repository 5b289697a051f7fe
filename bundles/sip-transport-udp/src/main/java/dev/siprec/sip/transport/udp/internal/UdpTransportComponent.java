package dev.siprec.sip.transport.udp.internal;

import java.time.Clock;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.siprec.sip.api.SipTransport;

/**
 * One SIP UDP listener per factory configuration {@code dev.siprec.transport.udp}. Registers the
 * listener as a {@link SipTransport} with the port actually bound.
 *
 * <p>A listener whose address cannot be bound is still registered, with
 * {@code status().state() == FAILED} and the reason, so that {@code siprec:transports} shows it
 * next to the working ones; the error is logged at ERROR, and saving the configuration again retries
 * the bind. A change of address or port opens the new socket first and closes the old one only once
 * the new one is bound (both may serve for a moment); the SIP core then drops the transactions and
 * dialogs of the old listener only. A change of {@code max.message.bytes} or
 * {@code receive.buffer.bytes} alone applies to the open socket.
 */
@Component(name = "dev.siprec.transport.udp", configurationPid = "dev.siprec.transport.udp",
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = UdpTransportComponent.Config.class, factory = true)
public final class UdpTransportComponent {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransportComponent.class);

    /** Configuration of one UDP listener. */
    @ObjectClassDefinition(name = "SIP UDP listener", description = "One SIP-over-UDP listener (RFC 3261 §18)")
    public @interface Config {
        @AttributeDefinition(description = "Local address to bind; 0.0.0.0 for all IPv4, :: for all IPv6 addresses")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(description = "UDP port; 0 picks a free one", min = "0", max = "65535")
        int port() default 5060;

        @AttributeDefinition(description = "Largest datagram accepted (bytes, at most 65507); larger ones get 513", min = "512", max = "65507")
        int max_message_bytes() default 65507;

        @AttributeDefinition(description = "Socket receive buffer (SO_RCVBUF) in bytes; 0 keeps the OS default", min = "0")
        int receive_buffer_bytes() default 1_048_576;
    }

    private final BundleContext context;
    private UdpSettings settings;
    private UdpListener listener;
    private ServiceRegistration<SipTransport> registration;

    @Activate
    public UdpTransportComponent(BundleContext context, Config config, Map<String, Object> properties) {
        this.context = context;
        this.settings = settings(config, properties);
        this.listener = new UdpListener(settings, Clock.systemUTC());
        listener.open();
        this.registration = register(listener);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        UdpSettings next = settings(config, properties);
        if (next.equals(settings) && listener.isOpen()) {
            return;
        }
        if (listener.isOpen() && listener.bindsHere(next)) {
            // Same socket: limits and buffer apply live; dialogs on this listener are untouched.
            listener.reconfigure(next);
            settings = next;
            registration.setProperties(properties(listener));
            LOG.info("SIP UDP listener '{}' on {} reconfigured", next.name(), listener.localAddress());
            return;
        }
        UdpListener fresh = new UdpListener(next, Clock.systemUTC());
        UdpListener old = listener;
        ServiceRegistration<SipTransport> oldReg = registration;
        if (next.bind().equals(settings.bind())) {
            // Retrying a failed bind on the same address: nothing to keep open.
            unregister(oldReg);
            old.close();
            fresh.open();
        } else {
            fresh.open(); // the new address first: both serve for a moment (ARCHITECTURE: hot move)
        }
        ServiceRegistration<SipTransport> freshReg = register(fresh);
        if (!next.bind().equals(settings.bind())) {
            unregister(oldReg);
            old.close();
        }
        LOG.info("SIP UDP listener '{}' moved from {} to {} ({})", next.name(), settings.bind(), fresh.localAddress(),
                fresh.status().state());
        settings = next;
        listener = fresh;
        registration = freshReg;
    }

    @Deactivate
    void deactivate() {
        unregister(registration);
        registration = null;
        listener.close();
    }

    private ServiceRegistration<SipTransport> register(UdpListener l) {
        return context.registerService(SipTransport.class, l, properties(l));
    }

    private static Hashtable<String, Object> properties(UdpListener l) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(SipTransport.TRANSPORT, "UDP");
        props.put(SipTransport.PORT, l.localAddress().getPort());
        props.put(SipTransport.ADDRESS, l.localAddress().getAddress().getHostAddress());
        props.put(SipTransport.LISTENER, l.name());
        return props;
    }

    private static void unregister(ServiceRegistration<?> reg) {
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("already unregistered: {}", e.toString());
            }
        }
    }

    static UdpSettings settings(Config config, Map<String, Object> properties) {
        return UdpSettings.of(ListenerNames.of(properties), config.bind_address(), config.port(),
                config.max_message_bytes(), config.receive_buffer_bytes());
    }
}
