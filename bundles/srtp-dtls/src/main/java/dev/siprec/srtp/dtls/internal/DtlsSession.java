package dev.siprec.srtp.dtls.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.siprec.kex.api.KeyExchangeSession;
import dev.siprec.kex.api.KeyingProposal;
import dev.siprec.kex.api.KeyingRequest;
import dev.siprec.kex.api.MediaKeys;
import dev.siprec.sdp.api.Attribute;
import dev.siprec.sdp.api.Connection;
import dev.siprec.sdp.api.MediaDescription;

/**
 * DTLS-SRTP state of one recording session: the committed association per m-line. A re-offer with
 * the same fingerprints, {@code a=setup}, address and {@code a=tls-id} keeps the association (RFC
 * 5763 §5, RFC 8842 §5.4); a changed one proposes a new association, and the old one is closed (keys
 * wiped) when the new answer is committed. Every answer carries the server's own {@code a=tls-id}
 * for the association (RFC 8842 §5.3), unchanged while the association is kept.
 */
final class DtlsSession implements KeyExchangeSession {
    private static final Pattern IP4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IP6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** {@code tls-id-value = 20*255(tls-id-char)}, {@code tls-id-char = ALPHA / DIGIT / "+" / "/" / "-" / "_"} (RFC 8842 §4). */
    private static final Pattern TLS_ID = Pattern.compile("[A-Za-z0-9+/_-]{20,255}");

    private final DtlsEngine engine;
    private final Map<Integer, Committed> committed = new HashMap<>();
    private boolean closed;

    DtlsSession(DtlsEngine engine) {
        this.engine = engine;
    }

    @Override
    public synchronized KeyingProposal propose(KeyingRequest request) {
        if (closed) {
            throw new IllegalStateException("DTLS session is closed");
        }
        MediaDescription m = request.media();
        if (!DtlsKeyExchange.PROTOCOLS_HANDLED.contains(m.protocol().toUpperCase(Locale.ROOT))) {
            return KeyingProposal.refused("DTLS-SRTP does not key " + m.protocol());
        }
        List<String> texts = m.attributes("fingerprint");
        if (texts.isEmpty()) {
            texts = request.offer().attributes().stream().filter(a -> a.name().equalsIgnoreCase("fingerprint"))
                    .map(a -> a.value() == null ? "" : a.value()).toList();
        }
        if (texts.isEmpty()) {
            return KeyingProposal.refused("a=fingerprint missing: DTLS-SRTP needs the peer certificate's fingerprint (RFC 8122 §5)");
        }
        List<Fingerprint> expected = expected(texts);
        if (expected.isEmpty()) {
            return KeyingProposal.refused("a=fingerprint: no sha-256, sha-384 or sha-512 fingerprint (offered "
                    + texts.stream().map(Fingerprint::hashToken).distinct().toList() + "; RFC 8122 §5)");
        }
        String setup = m.attribute("setup").or(() -> request.offer().attribute("setup")).orElse("active")
                .trim().toLowerCase(Locale.ROOT);
        Association.Role role;
        switch (setup) {
            case "actpass", "active" -> role = Association.Role.SERVER;
            case "passive" -> role = Association.Role.CLIENT;
            default -> {
                return KeyingProposal.refused("a=setup:" + setup + " cannot start DTLS (RFC 4145 §4: actpass, active or passive)");
            }
        }
        List<SrtpProfile> profiles = SrtpProfile.forSuites(request.suites());
        if (profiles.isEmpty()) {
            return KeyingProposal.refused("no negotiable SRTP suite has a DTLS-SRTP profile: negotiable " + request.suites()
                    + (request.disabled().isEmpty() ? "" : ", disabled " + request.disabled())
                    + "; DTLS names AES_CM_128_HMAC_SHA1_80/32, AEAD_AES_128_GCM, AEAD_AES_256_GCM (RFC 5764 §4.1.2, RFC 7714 §14.2)");
        }
        String peerTlsId = null;
        Optional<String> offeredTlsId = m.attribute("tls-id");
        if (offeredTlsId.isPresent()) {
            peerTlsId = offeredTlsId.get().trim();
            if (!TLS_ID.matcher(peerTlsId).matches()) {
                return KeyingProposal.refused("a=tls-id malformed: 20 to 255 characters of A-Z, a-z, 0-9, +, /, -, _ (RFC 8842 §4)");
            }
        }
        InetSocketAddress peer = null;
        if (role == Association.Role.CLIENT) {
            Optional<InetSocketAddress> p = peerAddress(request);
            if (p.isEmpty()) {
                return KeyingProposal.refused("a=setup:passive needs an IP address in c= and a port in m= to connect to "
                        + "(no DNS on the answer path)");
            }
            peer = p.get();
        }
        Committed previous = committed.get(request.index());
        if (previous != null && previous.keeps(role, expected, peer, peerTlsId)) {
            return new Proposal(request.index(), new Committed(previous.association, peerTlsId, previous.localTlsId), false);
        }
        return new Proposal(request.index(), new Committed(engine.associate(role, profiles, expected, peer), peerTlsId,
                engine.newTlsId()), true);
    }

    /** Keeps the fingerprints of the strongest hash offered, strongest first (RFC 8122 §5). */
    private static List<Fingerprint> expected(List<String> texts) {
        List<Fingerprint> all = new ArrayList<>();
        for (String t : texts) {
            Fingerprint.parse(t).ifPresent(all::add);
        }
        for (String alg : Fingerprint.ACCEPTED) {
            List<Fingerprint> of = all.stream().filter(f -> f.algorithm().equals(alg)).toList();
            if (!of.isEmpty()) {
                return of;
            }
        }
        return List.of();
    }

    private static Optional<InetSocketAddress> peerAddress(KeyingRequest request) {
        Connection c = request.offer().connectionOf(request.media());
        if (c == null || request.media().port() == 0) {
            return Optional.empty();
        }
        String a = c.address();
        boolean literal = Connection.IP4.equalsIgnoreCase(c.addressType()) ? IP4.matcher(a).matches()
                : a.indexOf(':') >= 0 && IP6.matcher(a).matches();
        if (!literal) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(a), request.media().port()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private synchronized void commit(int index, Committed now, boolean fresh) {
        if (closed) {
            if (fresh) {
                now.association.close();
            }
            return;
        }
        Committed old = committed.put(index, now);
        if (old != null && old.association != now.association) {
            old.association.close();
        }
    }

    @Override
    public synchronized void release(int index) {
        Committed old = committed.remove(index);
        if (old != null) {
            old.association.close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Committed c : committed.values()) {
            c.association.close();
        }
        committed.clear();
    }

    synchronized int associations() {
        return committed.size();
    }

    /**
     * An association as answered: the offerer's {@code a=tls-id} ({@code null} when it sent none, RFC
     * 5763 peers) and the server's own (RFC 8842 §4).
     */
    private record Committed(Association association, String peerTlsId, String localTlsId) {
        /** RFC 8842 §5.4: the same association goes on only if nothing that identifies it changed. */
        boolean keeps(Association.Role role, List<Fingerprint> expected, InetSocketAddress peer, String offeredTlsId) {
            return association.usable() && association.role() == role && association.expected().equals(expected)
                    && Objects.equals(association.offerPeer(), peer) && Objects.equals(peerTlsId, offeredTlsId);
        }
    }

    /** A DTLS proposal: {@code a=setup}, the server fingerprint and {@code a=tls-id}, and the association behind the keys. */
    private final class Proposal implements KeyingProposal {
        private final int index;
        private final Committed answered;
        private final Association association;
        private final boolean fresh;
        private boolean done;

        Proposal(int index, Committed answered, boolean fresh) {
            this.index = index;
            this.answered = answered;
            this.association = answered.association;
            this.fresh = fresh;
        }

        @Override
        public Optional<String> refusal() {
            return Optional.empty();
        }

        @Override
        public List<Attribute> answerAttributes() {
            String setup = association.role() == Association.Role.SERVER ? "passive" : "active";
            return List.of(new Attribute("setup", setup),
                    new Attribute("fingerprint", association.identity().fingerprint().format()),
                    new Attribute("tls-id", answered.localTlsId));
        }

        @Override
        public MediaKeys keys() {
            return association;
        }

        @Override
        public void commit() {
            if (!done) {
                done = true;
                DtlsSession.this.commit(index, answered, fresh);
            }
        }

        @Override
        public void discard() {
            if (!done) {
                done = true;
                if (fresh) {
                    association.close();
                }
            }
        }
    }
}
