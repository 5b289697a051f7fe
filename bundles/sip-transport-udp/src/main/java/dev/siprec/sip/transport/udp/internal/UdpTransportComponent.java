package dev.siprec.sip.transport.udp.internal;

import java.time.Clock;
import java.util.Map;

import org.osgi.framework.BundleContext;
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
import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.common.ListenerHandle;

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

    private final ListenerHandle<UdpListener> handle;
    private UdpSettings settings;

    @Activate
    public UdpTransportComponent(BundleContext context, Config config, Map<String, Object> properties) {
        this.handle = new ListenerHandle<>(context);
        this.settings = settings(config, properties);
        handle.replace(new UdpListener(settings, Clock.systemUTC()), settings.bind());
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        UdpSettings next = settings(config, properties);
        UdpListener listener = handle.current();
        if (next.equals(settings) && listener.isOpen()) {
            return;
        }
        if (listener.isOpen() && listener.bindsHere(next)) {
            // Same socket: limits and buffer apply live; dialogs on this listener are untouched.
            listener.reconfigure(next);
            settings = next;
            handle.refresh();
            LOG.info("SIP UDP listener '{}' on {} reconfigured", next.name(), listener.localAddress());
            return;
        }
        UdpSettings previous = settings;
        // a new address opens first and both serve for a moment; a failed bind retried on the same
        // address closes the old listener first (ListenerHandle)
        handle.replace(new UdpListener(next, Clock.systemUTC()), next.bind());
        settings = next;
        UdpListener fresh = handle.current();
        LOG.info("SIP UDP listener '{}' moved from {} to {} ({})", next.name(), previous.bind(), fresh.localAddress(),
                fresh.status().state());
    }

    @Deactivate
    void deactivate() {
        handle.close();
    }

    static UdpSettings settings(Config config, Map<String, Object> properties) {
        return UdpSettings.of(Addresses.listenerName(properties), config.bind_address(), config.port(),
                config.max_message_bytes(), config.receive_buffer_bytes());
    }
}
