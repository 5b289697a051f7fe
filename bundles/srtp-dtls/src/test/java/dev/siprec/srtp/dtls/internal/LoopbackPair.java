package dev.siprec.srtp.dtls.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server and a client association of two engines, each on its own loopback UDP port. */
final class LoopbackPair implements AutoCloseable {
    final UdpPort serverPort;
    final UdpPort clientPort;
    final Association server;
    final Association client;

    LoopbackPair(DtlsEngine serverEngine, DtlsEngine clientEngine, List<SrtpProfile> serverProfiles,
                 List<SrtpProfile> clientProfiles) throws Exception {
        serverPort = new UdpPort();
        clientPort = new UdpPort();
        Fingerprint serverFp = serverEngine.identities().current().fingerprint();
        Fingerprint clientFp = clientEngine.identities().current().fingerprint();
        server = serverEngine.associate(Association.Role.SERVER, serverProfiles, List.of(clientFp), null);
        client = clientEngine.associate(Association.Role.CLIENT, clientProfiles, List.of(serverFp),
                (InetSocketAddress) serverPort.socket.getLocalSocketAddress());
        serverPort.handle(server);
    }

    void start() {
        clientPort.handle(client);
    }

    void awaitBoth(long seconds) throws Exception {
        server.ready().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        client.ready().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        client.close();
        serverPort.close();
        clientPort.close();
    }
}
