package dev.siprec.siprec.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.siprec.sip.api.Dialog;
import dev.siprec.sip.api.ListenerStatus;
import dev.siprec.sip.api.OutgoingResponse;
import dev.siprec.sip.api.ServerRequest;
import dev.siprec.sip.api.SipConnection;
import dev.siprec.sip.api.SipHeader;
import dev.siprec.sip.api.SipInbound;
import dev.siprec.sip.api.SipRequest;
import dev.siprec.sip.api.SipResponse;
import dev.siprec.sip.api.SipTransport;
import dev.siprec.sip.api.TlsDetails;

/** Test doubles of the SIP core's side of the contract. */
final class FakeSip {
    private FakeSip() {
    }

    static final class Transport implements SipTransport {
        final String name;
        final InetSocketAddress local;

        Transport(String name, InetSocketAddress local) {
            this.name = name;
            this.local = local;
        }

        @Override public String transport() { return name; }
        @Override public String name() { return "default"; }
        @Override public InetSocketAddress localAddress() { return local; }
        @Override public boolean reliable() { return !"UDP".equals(name); }
        @Override public boolean secure() { return "TLS".equals(name); }
        @Override public void attach(SipInbound inbound) { }
        @Override public void detach(SipInbound inbound) { }
        @Override public Optional<SipConnection> connection(InetSocketAddress remote) { return Optional.empty(); }
        @Override public SipConnection connect(InetSocketAddress remote, String serverName) throws IOException { throw new IOException("no"); }
        @Override public ListenerStatus status() { return null; }
    }

    static final class Connection implements SipConnection {
        final Transport transport;
        final InetSocketAddress remote;
        TlsDetails tls;

        Connection(String transport, String remoteHost, int remotePort) {
            this.transport = new Transport(transport, new InetSocketAddress("127.0.0.1", 5060));
            this.remote = new InetSocketAddress(remoteHost, remotePort);
        }

        @Override public SipTransport transport() { return transport; }
        @Override public InetSocketAddress remote() { return remote; }
        @Override public InetSocketAddress local() { return transport.local; }
        @Override public boolean isOpen() { return true; }
        @Override public void send(byte[] message) { }
        @Override public Optional<TlsDetails> tls() { return Optional.ofNullable(tls); }
        @Override public void close() { }
    }

    static final class Request implements SipRequest {
        final String method;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        String callId = "call-1@client.example";
        String fromTag = "from-1";
        String toTag;
        long cseq = 1;

        Request(String method) {
            this.method = method;
        }

        Request header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        Request body(String contentType, String text) {
            headers.remove("content-type");
            header("Content-Type", contentType);
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        @Override public String header(String name) { List<String> v = headers(name); return v.isEmpty() ? null : v.get(0); }
        @Override public List<String> headers(String name) { return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()); }
        @Override public List<String> headerNames() { return List.copyOf(headers.keySet()); }
        @Override public byte[] body() { return body.clone(); }
        /** What the SIP core would report as tolerated in this request. */
        List<String> tolerated = List.of();
        @Override public List<String> tolerated() { return tolerated; }
        @Override public Optional<String> contentType() {
            String ct = header("Content-Type");
            return ct == null ? Optional.empty() : Optional.of(ct.split(";")[0].strip().toLowerCase(Locale.ROOT));
        }
        @Override public String callId() { return callId; }
        @Override public long cseq() { return cseq; }
        @Override public String cseqMethod() { return method; }
        @Override public String fromTag() { return fromTag; }
        @Override public String toTag() { return toTag; }
        @Override public byte[] encode() { return new byte[0]; }
        @Override public String method() { return method; }
        @Override public String requestUri() { return "sip:srs@127.0.0.1:5060"; }
    }

    static final class FakeDialog implements Dialog {
        final String callId;
        final String remoteTag;
        State state = State.CONFIRMED;
        final List<String> sent = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        CompletableFuture<SipResponse> next = new CompletableFuture<>();
        CompletableFuture<SipResponse> last;
        int byes;
        /** What the SIP core would report as tolerated in this dialog. */
        List<String> tolerated = List.of();

        @Override
        public List<String> tolerated() {
            return tolerated;
        }

        FakeDialog(String callId, String remoteTag) {
            this.callId = callId;
            this.remoteTag = remoteTag;
        }

        @Override public String id() { return callId + ";srs-tag;" + remoteTag; }
        @Override public String callId() { return callId; }
        @Override public String localTag() { return "srs-tag"; }
        @Override public String remoteTag() { return remoteTag; }
        @Override public State state() { return state; }
        @Override public SipConnection connection() { return null; }

        @Override
        public CompletionStage<SipResponse> sendRequest(String method, List<SipHeader> headers, String contentType, byte[] body) {
            sent.add(method);
            bodies.add(body);
            CompletableFuture<SipResponse> f = next;
            next = new CompletableFuture<>();
            last = f;
            return f;
        }

        final List<SipHeader> byeHeaders = new ArrayList<>();

        @Override
        public CompletionStage<SipResponse> bye() {
            byes++;
            state = State.TERMINATED;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<SipResponse> bye(List<SipHeader> headers) {
            byeHeaders.addAll(headers);
            return bye();
        }
    }

    /** A server request that records responses; a 2xx to an initial INVITE creates a dialog, as the core does. */
    static class Server implements ServerRequest {
        final Request request;
        final Connection connection;
        final List<OutgoingResponse> responses = new ArrayList<>();
        FakeDialog dialog;
        boolean cancelled;
        final List<Runnable> cancelActions = new ArrayList<>();

        Server(Request request, Connection connection, FakeDialog dialog) {
            this.request = request;
            this.connection = connection;
            this.dialog = dialog;
        }

        @Override public SipRequest request() { return request; }
        @Override public SipConnection connection() { return connection; }
        @Override public Optional<Dialog> dialog() { return Optional.ofNullable(dialog); }

        /** As the SIP core writes it: the listener's address and port, {@code transport=} for stream transports. */
        @Override
        public String localContact() {
            String t = connection.transport().transport().toLowerCase(java.util.Locale.ROOT);
            InetSocketAddress l = connection.local();
            return "<sip:" + l.getAddress().getHostAddress() + ":" + l.getPort() + ("udp".equals(t) ? "" : ";transport=" + t) + ">";
        }

        @Override
        public synchronized void respond(OutgoingResponse response) {
            if (cancelled) {
                throw new IllegalStateException("cancelled");
            }
            if (!responses.isEmpty() && responses.get(responses.size() - 1).status() >= 200) {
                throw new IllegalStateException("already answered");
            }
            responses.add(response);
            if (response.status() >= 200 && response.status() < 300 && dialog == null && "INVITE".equals(request.method)) {
                dialog = new FakeDialog(request.callId, request.fromTag);
            }
        }

        @Override public synchronized boolean isCancelled() { return cancelled; }

        @Override
        public void onCancel(Runnable action) {
            if (cancelled) {
                action.run();
            } else {
                cancelActions.add(action);
            }
        }

        void cancel() {
            synchronized (this) {
                cancelled = true;
            }
            cancelActions.forEach(Runnable::run);
        }

        OutgoingResponse last() {
            return responses.get(responses.size() - 1);
        }

        String header(String name) {
            return last().headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(SipHeader::value).findFirst()
                    .orElse(null);
        }

        String bodyText() {
            return new String(last().body(), StandardCharsets.UTF_8);
        }
    }

    static final class Response implements SipResponse {
        final int status;
        final byte[] body;

        Response(int status, String sdp) {
            this.status = status;
            this.body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        }

        @Override public int statusCode() { return status; }
        @Override public String reasonPhrase() { return ""; }
        @Override public String header(String name) { return null; }
        @Override public List<String> headers(String name) { return List.of(); }
        @Override public List<String> headerNames() { return List.of(); }
        @Override public byte[] body() { return body.clone(); }
        @Override public Optional<String> contentType() { return body.length == 0 ? Optional.empty() : Optional.of("application/sdp"); }
        @Override public String callId() { return ""; }
        @Override public long cseq() { return 1; }
        @Override public String cseqMethod() { return "INVITE"; }
        @Override public String fromTag() { return null; }
        @Override public String toTag() { return null; }
        @Override public byte[] encode() { return new byte[0]; }
    }
}
