package dev.siprec.sip.transport.ws.internal;

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
import dev.siprec.sip.transport.common.ListenerHandle;
import dev.siprec.sip.transport.common.ListenerStarter;
import dev.siprec.sip.transport.stream.StreamSettings;

/**
 * One SIP-over-WebSocket listener per factory configuration {@value #PID} (RFC 7118), registered as a
 * {@link SipTransport} with {@code sip.transport=WS}. A change that moves the listener opens the new
 * endpoint before closing the old one. The listener starts and registers in the background
 * ({@link ListenerStarter}); deactivation waits for it and closes it.
 */
@Component(configurationPid = WsTransportComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = WsTransportComponent.Config.class, factory = true)
public final class WsTransportComponent {
    /** Factory PID of WS listeners. */
    public static final String PID = "dev.siprec.transport.ws";

    @ObjectClassDefinition(name = "SIP WebSocket listener", description = "One SIP over WebSocket (WS) listener (RFC 7118).")
    public @interface Config {
        @AttributeDefinition(description = "Local address, IPv4 or IPv6; 0.0.0.0 or :: for all interfaces.")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(description = "Local port; 0 for an ephemeral port.")
        int port() default 5066;

        @AttributeDefinition(description = "An open WebSocket without frames (pings included) for this long is closed.")
        double idle_timeout_seconds() default 600;

        @AttributeDefinition(description = "Time allowed from connecting to the end of the HTTP upgrade (and TLS handshake).")
        double handshake_timeout_seconds() default 10;

        @AttributeDefinition(description = "Maximum open connections of this listener.")
        int max_connections() default 2048;

        @AttributeDefinition(description = "Maximum open connections from one IPv4 address or one IPv6 /64; more are closed at once.")
        int max_connections_per_ip() default 64;

        @AttributeDefinition(description = "Largest SIP message, WebSocket frame and WebSocket message accepted; larger ones close the connection (1009).")
        int max_message_bytes() default 65536;

        @AttributeDefinition(description = "Worker threads of this listener (4..256).")
        int threads() default 8;

        @AttributeDefinition(description = "A WebSocket that carries no SIP message for this long (pings do not count) and that no dialog uses is closed.")
        double max_idle_without_dialog_seconds() default 120;
    }

    private final ListenerHandle<WsListener> handle;
    private final ListenerStarter starter;

    /**
     * Checks the configuration and returns; the listener's Jetty server starts, binds and registers on
     * the {@link ListenerStarter}'s thread.
     *
     * @throws IllegalArgumentException naming a bad key
     */
    @Activate
    public WsTransportComponent(BundleContext context, Config config, Map<String, Object> properties) {
        this.handle = new ListenerHandle<>(context);
        WsSettings settings = settings(config, Addresses.listenerName(properties));
        this.starter = new ListenerStarter("ws-" + settings.name());
        starter.submit(() -> apply(settings));
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        WsSettings settings = settings(config, Addresses.listenerName(properties));
        starter.submit(() -> apply(settings));
    }

    private void apply(WsSettings settings) {
        if (!handle.changed(settings)) {
            return;
        }
        handle.replace(new WsListener("WS", settings, null), settings.endpoint());
    }

    /** Waits for a start in progress, then closes the listener (its WebSockets too). */
    @Deactivate
    void deactivate() {
        starter.close();
        handle.close();
    }

    /** @throws IllegalArgumentException naming the bad key */
    static WsSettings settings(Config c, String name) {
        return settings(name, c.bind_address(), c.port(), c.idle_timeout_seconds(), c.handshake_timeout_seconds(),
                c.max_connections(), c.max_connections_per_ip(), c.max_message_bytes(), c.threads(),
                c.max_idle_without_dialog_seconds());
    }

    /** @throws IllegalArgumentException naming the bad key */
    static WsSettings settings(String name, String bindAddress, int port, double idleSeconds, double handshakeSeconds,
                               int maxConnections, int maxPerIp, int maxMessageBytes, int threads,
                               double maxIdleWithoutDialogSeconds) {
        return new WsSettings(name, StreamSettings.parseAddress(bindAddress), port,
                StreamSettings.seconds(idleSeconds, "idle.timeout.seconds"),
                StreamSettings.seconds(handshakeSeconds, "handshake.timeout.seconds"),
                maxConnections, maxPerIp, maxMessageBytes, threads,
                StreamSettings.seconds(maxIdleWithoutDialogSeconds, "max.idle.without.dialog.seconds"));
    }
}
