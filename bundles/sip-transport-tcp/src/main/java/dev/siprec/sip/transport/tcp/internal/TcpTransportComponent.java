package dev.siprec.sip.transport.tcp.internal;

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

import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.stream.LayerFactory;
import dev.siprec.sip.transport.common.ListenerHandle;
import dev.siprec.sip.transport.stream.StreamListener;
import dev.siprec.sip.transport.stream.StreamSettings;

/**
 * One SIP-over-TCP listener per factory configuration {@value #PID} (RFC 3261 §18), registered as a
 * {@link SipTransport} with {@code sip.transport=TCP}. A configuration change that moves the listener
 * opens the new endpoint before closing the old one.
 */
@Component(configurationPid = TcpTransportComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = TcpTransportComponent.Config.class, factory = true)
public final class TcpTransportComponent {
    /** Factory PID of TCP listeners. */
    public static final String PID = "dev.siprec.transport.tcp";

    @ObjectClassDefinition(name = "SIP TCP listener", description = "One SIP over TCP listener (RFC 3261 §18).")
    public @interface Config {
        @AttributeDefinition(description = "Local address, IPv4 or IPv6; 0.0.0.0 or :: for all interfaces.")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(description = "Local port; 0 for an ephemeral port.")
        int port() default 5060;

        @AttributeDefinition(description = "A connection without traffic (keep-alives included) for this long is closed.")
        double idle_timeout_seconds() default 600;

        @AttributeDefinition(description = "A new connection must send its first bytes within this time.")
        double handshake_timeout_seconds() default 10;

        @AttributeDefinition(description = "Maximum open connections of this listener.")
        int max_connections() default 2048;

        @AttributeDefinition(description = "Maximum open connections from one IPv4 address or one IPv6 /64; more are closed at once.")
        int max_connections_per_ip() default 64;

        @AttributeDefinition(description = "Largest SIP message accepted; larger ones are answered 413/513 and the connection closed.")
        int max_message_bytes() default 65536;

        @AttributeDefinition(description = "Slow sender: once a message has started it must be complete within this time.")
        double slow_sender_message_timeout_seconds() default 10;

        @AttributeDefinition(description = "Slow sender: lowest average rate while a message is in progress (after 2 s); 0 disables.")
        int slow_sender_min_bytes_per_second() default 256;

        @AttributeDefinition(description = "Selector threads of this listener.")
        int io_threads() default 2;

        @AttributeDefinition(description = "A connection that carries no SIP message for this long (keep-alives do not count) and that no dialog uses is closed.")
        double max_idle_without_dialog_seconds() default 120;
    }

    private final ListenerHandle<StreamListener> handle;

    @Activate
    public TcpTransportComponent(BundleContext context, Config config, Map<String, Object> properties) {
        this.handle = new ListenerHandle<>(context);
        apply(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        apply(config, properties);
    }

    private void apply(Config config, Map<String, Object> properties) {
        StreamSettings settings = settings(config, Addresses.listenerName(properties));
        if (!handle.changed(settings)) {
            return;
        }
        handle.replace(new StreamListener("TCP", false, settings, LayerFactory.PLAIN), settings.endpoint());
    }

    @Deactivate
    void deactivate() {
        handle.close();
    }

    /**
     * Validated settings of a configuration.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    static StreamSettings settings(Config c, String name) {
        return new StreamSettings(name, StreamSettings.parseAddress(c.bind_address()), c.port(),
                StreamSettings.seconds(c.idle_timeout_seconds(), "idle.timeout.seconds"),
                StreamSettings.seconds(c.handshake_timeout_seconds(), "handshake.timeout.seconds"),
                c.max_connections(), c.max_connections_per_ip(), c.max_message_bytes(),
                StreamSettings.seconds(c.slow_sender_message_timeout_seconds(), "slow.sender.message.timeout.seconds"),
                c.slow_sender_min_bytes_per_second(), c.io_threads(),
                StreamSettings.seconds(c.max_idle_without_dialog_seconds(), "max.idle.without.dialog.seconds"),
                StreamSettings.DEFAULT_HANDSHAKE_THREADS);
    }
}
