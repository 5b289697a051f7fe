package dev.siprec.srtp.dtls.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.siprec.kex.api.KeyExchange;
import dev.siprec.keys.api.CertificateHolder;
import dev.siprec.keys.api.HeldCertificate;

/**
 * The DTLS certificates for inventories such as {@code siprec:certs}: the current identity (what new
 * answers' {@code a=fingerprint} names) and, after a rotation, the one it replaced while still valid
 * (associations answered before the rotation present it). Registered while the key exchange runs.
 */
@Component(service = CertificateHolder.class)
public final class DtlsCertificates implements CertificateHolder {
    /** What inventories show as the owner. */
    static final String OWNER = "dtls";

    private final IdentityHolder identities;

    @Activate
    public DtlsCertificates(@Reference(name = "kex", target = "(&(" + KeyExchange.NAME + "=" + KeyExchange.DTLS
            + ")(component.name=dev.siprec.srtp.dtls.internal.DtlsKeyExchange))")
                            KeyExchange kex) {
        this(((DtlsKeyExchange) kex).engine().identities());
    }

    DtlsCertificates(IdentityHolder identities) {
        this.identities = identities;
    }

    @Override
    public String owner() {
        return OWNER;
    }

    @Override
    public List<HeldCertificate> certificates() {
        List<HeldCertificate> out = new ArrayList<>(2);
        DtlsIdentity[] both = identities.both();
        out.add(new HeldCertificate("identity", both[0].certificate(), true));
        DtlsIdentity previous = both[1];
        if (previous != null && previous.notAfter().isAfter(Instant.now())) {
            out.add(new HeldCertificate("previous", previous.certificate(), true));
        }
        return out;
    }
}
