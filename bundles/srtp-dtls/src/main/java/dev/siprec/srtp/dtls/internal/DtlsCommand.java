package dev.siprec.srtp.dtls.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.kex.api.KeyExchange;

/**
 * Gogo command {@code siprec:dtls}: the server certificate's fingerprint (what answers carry in
 * {@code a=fingerprint}), its validity, and the handshake counters; {@code siprec:dtls rotate}
 * makes a new certificate for new offers now.
 */
@Component(service = DtlsCommand.class, property = {
        "osgi.command.scope=siprec",
        "osgi.command.function=dtls"
})
public final class DtlsCommand {
    private final DtlsKeyExchange kex;

    @Activate
    public DtlsCommand(@Reference(name = "kex", target = "(&(" + KeyExchange.NAME + "=" + KeyExchange.DTLS
            + ")(component.name=dev.siprec.srtp.dtls.internal.DtlsKeyExchange))")
                       KeyExchange kex) {
        this.kex = (DtlsKeyExchange) kex;
    }

    public String dtls() {
        return render(kex.engine());
    }

    public String dtls(String action) {
        if (!"rotate".equals(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "': type 'siprec:dtls' or 'siprec:dtls rotate'");
        }
        kex.engine().identities().rotate();
        return render(kex.engine());
    }

    static String render(DtlsEngine engine) {
        DtlsIdentity id = engine.identities().current();
        StringBuilder b = new StringBuilder();
        b.append("certificate  ECDSA P-256, self-signed, made ").append(id.created()).append(", valid until ")
                .append(id.notAfter()).append('\n');
        b.append("fingerprint  ").append(id.fingerprint().format()).append('\n');
        b.append("handshakes   ").append(engine.activeHandshakes()).append(" running on ").append(engine.liveThreads())
                .append(" threads\n");
        for (Map.Entry<String, Long> e : engine.counters().snapshot().entrySet()) {
            b.append(String.format("%-28s %d%n", e.getKey(), e.getValue()));
        }
        return b.toString();
    }
}
