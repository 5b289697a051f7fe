package dev.siprec.siprec.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.TlsDetails;

/**
 * Who may record (RFC 7866 §12: the SRS authorizes recording clients): an allow-list of source
 * networks and of client certificate identities. Once a certificate rule is set, every flow without
 * TLS is refused. Immutable; cheap enough to run on a transport I/O thread.
 */
final class AccessPolicy {
    private final List<Cidr> sources;
    private final List<Pattern> certificates;
    private final List<String> certificatePatterns;

    private AccessPolicy(List<Cidr> sources, List<String> certificatePatterns) {
        this.sources = List.copyOf(sources);
        this.certificatePatterns = List.copyOf(certificatePatterns);
        this.certificates = certificatePatterns.stream().map(AccessPolicy::glob).toList();
    }

    /** @throws IllegalArgumentException naming the bad entry */
    static AccessPolicy of(String[] sources, String[] certificates) {
        List<Cidr> s = new ArrayList<>();
        for (String v : nonBlank(sources)) {
            s.add(Cidr.parse(v));
        }
        return new AccessPolicy(s, nonBlank(certificates));
    }

    private static List<String> nonBlank(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    boolean allowsAllSources() {
        return sources.isEmpty();
    }

    List<Cidr> sources() {
        return sources;
    }

    List<String> certificatePatterns() {
        return certificatePatterns;
    }

    /** @return the reason to refuse {@code flow} with 403, or empty when it may record. */
    Optional<String> check(SipConnection flow) {
        InetSocketAddress remote = flow.remote();
        InetAddress a = remote == null ? null : remote.getAddress();
        if (!sources.isEmpty() && (a == null || sources.stream().noneMatch(c -> c.contains(a)))) {
            return Optional.of("source address not allowed to record");
        }
        if (certificates.isEmpty()) {
            return Optional.empty();
        }
        Optional<TlsDetails> tls = flow.tls();
        if (tls.isEmpty()) {
            // A certificate rule is only worth something if plain flows cannot walk around it.
            return Optional.of("TLS with a client certificate required (allowed.certificates is set)");
        }
        List<X509Certificate> chain = tls.get().peerCertificates();
        if (chain.isEmpty()) {
            return Optional.of("client certificate required");
        }
        for (String id : identities(chain.get(0))) {
            for (Pattern p : certificates) {
                if (p.matcher(id).matches()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("client certificate not allowed to record");
    }

    /** @return the subject CNs and the DNS, URI and IP subject alternative names of {@code cert}. */
    static List<String> identities(X509Certificate cert) {
        List<String> ids = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    ids.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // no usable subject: SANs may still match
        }
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (type instanceof Integer t && (t == 2 || t == 6 || t == 7) && san.get(1) instanceof String v) {
                        ids.add(v);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // ignore unreadable extension
        }
        return ids;
    }

    /** A case-insensitive glob: {@code *} matches any run of characters, everything else literally. */
    static Pattern glob(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            if (!parts[i].isEmpty()) {
                re.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public String toString() {
        return "AccessPolicy[sources=" + sources + ", certificates=" + certificatePatterns + "]";
    }
}
