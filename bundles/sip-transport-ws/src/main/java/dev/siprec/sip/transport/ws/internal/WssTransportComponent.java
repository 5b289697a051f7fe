package dev.siprec.sip.transport.ws.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.siprec.keys.api.TlsCredentialService;
import dev.siprec.keys.api.TlsCredentialSpec;
import dev.siprec.keys.api.TlsCredentials;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.transport.common.Addresses;
import dev.siprec.sip.transport.common.ListenerHandle;
import dev.siprec.sip.transport.common.ListenerStarter;
import dev.siprec.sip.transport.common.TlsPolicy;
import dev.siprec.sip.transport.stream.StreamSettings;

/**
 * One SIP-over-secure-WebSocket listener per factory configuration {@value #PID} (RFC 7118),
 * registered as a {@link SipTransport} with {@code sip.transport=WSS}. TLS credentials come from the
 * {@code keys} bundle as for the TLS transport (a self-signed certificate when none is configured);
 * credentials that cannot be loaded leave the listener registered as FAILED with the reason.
 */
@Component(configurationPid = WssTransportComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = WssTransportComponent.Config.class, factory = true)
public final class WssTransportComponent {
    /** Factory PID of WSS listeners. */
    public static final String PID = "dev.siprec.transport.wss";

    @ObjectClassDefinition(name = "SIP secure WebSocket listener", description = "One SIP over secure WebSocket (WSS) listener (RFC 7118).")
    public @interface Config {
        @AttributeDefinition(description = "Local address, IPv4 or IPv6; 0.0.0.0 or :: for all interfaces.")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(description = "Local port; 0 for an ephemeral port.")
        int port() default 5067;

        @AttributeDefinition(description = "An open WebSocket without frames (pings included) for this long is closed.")
        double idle_timeout_seconds() default 600;

        @AttributeDefinition(description = "Time allowed from connecting to the end of the TLS handshake and HTTP upgrade.")
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

        @AttributeDefinition(description = "TLS versions, TLSv1.3 and/or TLSv1.2.")
        String[] protocols() default {"TLSv1.3", "TLSv1.2"};

        @AttributeDefinition(description = "Cipher suites in order of preference (AEAD with forward secrecy only).")
        String[] cipher_suites() default {
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

        @AttributeDefinition(required = false, description = "PEM certificate chain, leaf first.")
        String certificate() default "";

        @AttributeDefinition(required = false, description = "PEM private key (PKCS#8 or traditional RSA/EC).")
        String private_key() default "";

        @AttributeDefinition(required = false, description = "PKCS#12 file with key and chain (instead of certificate + private.key).")
        String keystore() default "";

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
                description = "Password of the PKCS#12 keystore, or of an encrypted PEM private key.")
        String keystore_password() default "";

        @AttributeDefinition(description = "Client certificates: none, want or need (mutual TLS).")
        String client_auth() default "none";

        @AttributeDefinition(required = false, description = "Trusted CAs for client certificates: PEM bundle or PKCS#12.")
        String truststore() default "";

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Password of a PKCS#12 truststore.")
        String truststore_password() default "";
    }

    private final TlsCredentialService credentialService;
    private final ListenerHandle<WsListener> handle;
    private final ListenerStarter starter;

    /**
     * Checks the configuration and returns; the credentials are loaded (a self-signed certificate made
     * on a first start) and the listener's Jetty server started on the {@link ListenerStarter}'s thread.
     *
     * @throws IllegalArgumentException naming a bad key
     */
    @Activate
    public WssTransportComponent(BundleContext context, @Reference TlsCredentialService credentialService,
                                 Config config, Map<String, Object> properties) {
        this.credentialService = credentialService;
        this.handle = new ListenerHandle<>(context);
        this.starter = new ListenerStarter("wss-" + Addresses.listenerName(properties));
        starter.submit(check(config, properties));
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        starter.submit(check(config, properties));
    }

    /**
     * Checks the configuration on the caller's thread.
     *
     * @return the change that applies it
     * @throws IllegalArgumentException naming a bad key
     */
    private Runnable check(Config config, Map<String, Object> properties) {
        String name = Addresses.listenerName(properties);
        WsSettings settings = WsTransportComponent.settings(name, config.bind_address(), config.port(),
                config.idle_timeout_seconds(), config.handshake_timeout_seconds(), config.max_connections(),
                config.max_connections_per_ip(), config.max_message_bytes(), config.threads(),
                config.max_idle_without_dialog_seconds());
        TlsPolicy policy = TlsPolicy.of(config.protocols(), config.cipher_suites(), config.client_auth());
        if (policy.clientAuth() != TlsPolicy.ClientAuth.NONE && blank(config.truststore())) {
            throw new IllegalArgumentException("client.auth=" + config.client_auth()
                    + " needs a truststore with the CAs of the recording clients");
        }
        return () -> apply(name, settings, policy, config);
    }

    private void apply(String name, WsSettings settings, TlsPolicy policy, Config config) {
        if (!handle.changed(List.of(settings, List.of(policy.protocols()), List.of(policy.cipherSuites()),
                policy.clientAuth(), String.valueOf(config.certificate()), String.valueOf(config.private_key()),
                String.valueOf(config.keystore()), String.valueOf(config.keystore_password()),
                String.valueOf(config.truststore()), String.valueOf(config.truststore_password())))) {
            return;
        }
        try {
            TlsCredentials credentials = credentialService.load(new TlsCredentialSpec("wss-" + name,
                    emptyToNull(config.certificate()), emptyToNull(config.private_key()), emptyToNull(config.keystore()),
                    chars(config.keystore_password()), emptyToNull(config.truststore()), chars(config.truststore_password())));
            handle.replace(new WsListener("WSS", settings, new WssTls(credentials, policy)), settings.endpoint());
        } catch (IOException | GeneralSecurityException e) {
            handle.forget();
            handle.replace(new WsListener("WSS", settings, null), settings.endpoint(), "TLS credentials cannot be loaded: " + e.getMessage());
        }
    }

    /** Waits for a start in progress, then closes the listener (its WebSockets too). */
    @Deactivate
    void deactivate() {
        starter.close();
        handle.close();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s.trim();
    }

    private static char[] chars(String s) {
        return s == null ? null : s.toCharArray();
    }
}
