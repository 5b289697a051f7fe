package dev.siprec.sip.transport.tls.internal;

import dev.siprec.sip.transport.common.TlsPolicy;

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
import dev.siprec.sip.transport.stream.LayerFactory;
import dev.siprec.sip.transport.common.ListenerHandle;
import dev.siprec.sip.transport.common.ListenerStarter;
import dev.siprec.sip.transport.stream.StreamListener;
import dev.siprec.sip.transport.stream.StreamSettings;

/**
 * One SIP-over-TLS listener per factory configuration {@value #PID} (RFC 3261 §26.3.1, RFC 5630),
 * registered as a {@link SipTransport} with {@code sip.transport=TLS}: TLS 1.2 minimum, 1.3 preferred,
 * AEAD suites with forward secrecy, optional mutual TLS. Credentials that cannot be loaded leave
 * the listener registered as FAILED with the reason. The listener starts and registers in the
 * background ({@link ListenerStarter}); deactivation waits for it and closes it.
 */
@Component(configurationPid = TlsTransportComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = TlsTransportComponent.Config.class, factory = true)
public final class TlsTransportComponent {
    /** Factory PID of TLS listeners. */
    public static final String PID = "dev.siprec.transport.tls";

    @ObjectClassDefinition(name = "SIP TLS listener", description = "One SIP over TLS listener (RFC 3261 §26, RFC 5630).")
    public @interface Config {
        @AttributeDefinition(description = "Local address, IPv4 or IPv6; 0.0.0.0 or :: for all interfaces.")
        String bind_address() default "0.0.0.0";

        @AttributeDefinition(description = "Local port; 0 for an ephemeral port.")
        int port() default 5061;

        @AttributeDefinition(description = "A connection without traffic (keep-alives included) for this long is closed.")
        double idle_timeout_seconds() default 600;

        @AttributeDefinition(description = "Time allowed for the TLS handshake of a new connection.")
        double handshake_timeout_seconds() default 10;

        @AttributeDefinition(description = "Maximum open connections of this listener.")
        int max_connections() default 2048;

        @AttributeDefinition(description = "Maximum open connections from one IPv4 address or one IPv6 /64; more are closed at once.")
        int max_connections_per_ip() default 64;

        @AttributeDefinition(description = "Largest SIP message accepted.")
        int max_message_bytes() default 65536;

        @AttributeDefinition(description = "Slow sender: once a message has started it must be complete within this time.")
        double slow_sender_message_timeout_seconds() default 10;

        @AttributeDefinition(description = "Slow sender: lowest average rate while a message is in progress (after 2 s); 0 disables.")
        int slow_sender_min_bytes_per_second() default 256;

        @AttributeDefinition(description = "Selector threads of this listener.")
        int io_threads() default 2;

        @AttributeDefinition(description = "A connection that carries no SIP message for this long (keep-alives do not count) and that no dialog uses is closed.")
        double max_idle_without_dialog_seconds() default 120;

        @AttributeDefinition(description = "Threads that compute TLS handshakes (key exchange, signatures) off the I/O threads; 1..64.")
        int handshake_threads() default 2;

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

        @AttributeDefinition(required = false,
                description = "Trusted CAs for client and outbound server certificates: PEM bundle or PKCS#12.")
        String truststore() default "";

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Password of a PKCS#12 truststore.")
        String truststore_password() default "";
    }

    private final TlsCredentialService credentialService;
    private final ListenerHandle<StreamListener> handle;
    private final ListenerStarter starter;

    /**
     * Checks the configuration and returns; the credentials are loaded (a certificate generated on a
     * first start), the listener bound and registered on the {@link ListenerStarter}'s thread, so
     * that the bundles starting after this one do not wait for them.
     *
     * @throws IllegalArgumentException naming a bad key
     */
    @Activate
    public TlsTransportComponent(BundleContext context, @Reference TlsCredentialService credentialService,
                                 Config config, Map<String, Object> properties) {
        this.credentialService = credentialService;
        this.handle = new ListenerHandle<>(context);
        Change change = Change.of(config, properties);
        this.starter = new ListenerStarter("tls-" + change.name());
        starter.submit(() -> apply(change));
    }

    /** @throws IllegalArgumentException naming a bad key (the listener in service stays) */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        Change change = Change.of(config, properties);
        starter.submit(() -> apply(change));
    }

    /** One configuration, checked on the configuring thread and applied on the starter's. */
    private record Change(String name, Config config, StreamSettings settings, TlsPolicy policy, Object key) {
        static Change of(Config config, Map<String, Object> properties) {
            String name = Addresses.listenerName(properties);
            StreamSettings settings = TlsTransportComponent.settings(config, name);
            TlsPolicy policy = TlsTransportComponent.policy(config);
            Object key = List.of(settings, List.of(policy.protocols()), List.of(policy.cipherSuites()),
                    policy.clientAuth(), String.valueOf(config.certificate()), String.valueOf(config.private_key()),
                    String.valueOf(config.keystore()), String.valueOf(config.keystore_password()),
                    String.valueOf(config.truststore()), String.valueOf(config.truststore_password()));
            return new Change(name, config, settings, policy, key);
        }

        @Override
        public String toString() {
            return "TLS listener " + name; // the record's own would print the passwords in the key
        }
    }

    private void apply(Change change) {
        if (!handle.changed(change.key())) {
            return;
        }
        StreamSettings settings = change.settings();
        TlsCredentials credentials;
        try {
            credentials = credentialService.load(spec(change.config(), change.name()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            handle.forget(); // the same configuration again retries: the files may have been fixed
            handle.replace(new StreamListener("TLS", true, settings, LayerFactory.PLAIN), settings.endpoint(),
                    "TLS credentials cannot be loaded: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return;
        }
        handle.replace(listener(settings, credentials, change.policy()), settings.endpoint());
    }

    /** Waits for a start in progress, then closes the listener (its connections and credentials too). */
    @Deactivate
    void deactivate() {
        starter.close();
        handle.close();
    }

    /** A TLS listener (not started) over the given credentials; closing it closes them. */
    static StreamListener listener(StreamSettings settings, TlsCredentials credentials, TlsPolicy policy) {
        return new StreamListener("TLS", true, settings, new TlsLayers(credentials, policy));
    }

    static TlsPolicy policy(Config c) {
        TlsPolicy policy = TlsPolicy.of(c.protocols(), c.cipher_suites(), c.client_auth());
        if (policy.clientAuth() != TlsPolicy.ClientAuth.NONE && blank(c.truststore())) {
            throw new IllegalArgumentException("client.auth=" + c.client_auth()
                    + " needs a truststore with the CAs of the recording clients");
        }
        return policy;
    }

    static TlsCredentialSpec spec(Config c, String name) {
        return new TlsCredentialSpec(name, emptyToNull(c.certificate()), emptyToNull(c.private_key()),
                emptyToNull(c.keystore()), chars(c.keystore_password()), emptyToNull(c.truststore()),
                chars(c.truststore_password()));
    }

    static StreamSettings settings(Config c, String name) {
        return new StreamSettings(name, StreamSettings.parseAddress(c.bind_address()), c.port(),
                StreamSettings.seconds(c.idle_timeout_seconds(), "idle.timeout.seconds"),
                StreamSettings.seconds(c.handshake_timeout_seconds(), "handshake.timeout.seconds"),
                c.max_connections(), c.max_connections_per_ip(), c.max_message_bytes(),
                StreamSettings.seconds(c.slow_sender_message_timeout_seconds(), "slow.sender.message.timeout.seconds"),
                c.slow_sender_min_bytes_per_second(), c.io_threads(),
                StreamSettings.seconds(c.max_idle_without_dialog_seconds(), "max.idle.without.dialog.seconds"),
                c.handshake_threads());
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
