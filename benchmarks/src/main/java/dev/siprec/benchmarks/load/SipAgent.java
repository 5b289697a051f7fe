package dev.siprec.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The user agent client of the load: one UDP socket, one thread. Places the calls at the planned
 * rate, retransmits per RFC 3261 §17.1 (Timer A/B for the INVITE, E/F for the BYE, T1 = 500 ms,
 * T2 = 4 s), ACKs every 2xx (and every final failure), starts both streams after the ACK, sends the
 * BYE once the streams are through, and answers the server's own requests (BYE, OPTIONS) with 200.
 */
final class SipAgent {
    static final long T1 = 500_000_000L;
    static final long T2 = 4_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long BYE_GRACE = 30_000_000_000L;
    private static final String[] LABELS = {"1", "2"};
    private static final int[] TONES = {440, 1000};

    private final LoadPlan plan;
    private final DatagramChannel sip;
    private final Selector selector;
    private final SiprecOffer.Endpoints endpoints;
    private final Pacer[] pacers;
    private final Prefiller prefiller;
    private final long epoch;
    private final Tone[] tones = new Tone[2];
    private final SecureRandom keys = new SecureRandom();
    private final SplittableRandom ids = new SplittableRandom();
    private final String runId;
    private final ByteBuffer in = ByteBuffer.allocate(65_535);
    private final Map<String, LoadCall> byCallId = new HashMap<>();
    private final List<LoadCall> live = new ArrayList<>();
    final List<LoadCall> calls = new ArrayList<>();
    final Histogram setupMillis = new Histogram();
    final Map<Integer, Integer> failures = new TreeMap<>();
    long retransmissions;
    long parseErrors;
    long strayMessages;
    /** The last stream start (the plateau of concurrent calls starts) and the first BYE (it ends). */
    long allMediaStarted;
    long firstBye;

    SipAgent(LoadPlan plan, Pacer[] pacers, Prefiller prefiller, long epoch) throws IOException {
        this.plan = plan;
        this.pacers = pacers;
        this.prefiller = prefiller;
        this.epoch = epoch;
        this.runId = Long.toHexString(ids.nextLong() & 0xFFFFFFFFFFFFL);
        sip = DatagramChannel.open();
        sip.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        sip.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        sip.bind(new InetSocketAddress(plan.localHost(), 0));
        sip.connect(new InetSocketAddress(plan.serverHost(), plan.serverPort()));
        sip.configureBlocking(false);
        selector = Selector.open();
        sip.register(selector, SelectionKey.OP_READ);
        int localPort = ((InetSocketAddress) sip.getLocalAddress()).getPort();
        endpoints = new SiprecOffer.Endpoints(plan.localHost(), localPort, plan.serverHost(), plan.serverPort());
        for (int i = 0; i < 2; i++) {
            tones[i] = new Tone(plan.codec(), TONES[i]);
        }
    }

    /** The prefix of every Call-ID of this run. */
    String callIdPrefix() {
        return "loadgen-" + runId + "-";
    }

    /** Places every call, runs them to their end, returns when all are finished or the run's guard time passed. */
    void run() throws IOException {
        long start = System.nanoTime();
        long gap = (long) (1e9 / plan.rate());
        long guard = start + (long) (plan.calls() / plan.rate() * 2e9) + plan.callSeconds() * 1_000_000_000L + 180_000_000_000L;
        int placed = 0;
        long nextTimers = 0;
        while ((placed < plan.calls() || !live.isEmpty()) && System.nanoTime() < guard) {
            long now = System.nanoTime();
            while (placed < plan.calls() && start + placed * gap <= now) {
                place(placed++, now);
            }
            long wait = placed < plan.calls() ? Math.max(1, (start + placed * gap - now) / MS) : 5;
            if (selector.select(Math.min(wait, 5)) > 0) {
                selector.selectedKeys().clear();
                receive();
            }
            now = System.nanoTime();
            if (now >= nextTimers) {
                timers(now);
                nextTimers = now + 2 * MS;
            }
        }
        for (LoadCall c : live) {
            c.stopMedia();
            if (c.state == LoadCall.State.CALLING || c.state == LoadCall.State.PROCEEDING) {
                fail(c, -1);
            }
        }
    }

    private void place(int index, long now) throws IOException {
        DatagramChannel[] channels = new DatagramChannel[2];
        byte[][] masters = new byte[2][SrtpProtector.MASTER_BYTES];
        for (int i = 0; i < 2; i++) {
            channels[i] = DatagramChannel.open();
            channels[i].bind(new InetSocketAddress(plan.localHost(), 0));
            channels[i].configureBlocking(false);
            keys.nextBytes(masters[i]);
        }
        String callId = callIdPrefix() + index;
        String fromTag = Long.toHexString(ids.nextLong());
        String branch = "z9hG4bK" + Long.toHexString(ids.nextLong());
        LoadCall c = new LoadCall(index, callId, fromTag, branch, channels, masters);
        String sdp = SiprecOffer.sdp(plan.localHost(), port(channels[0]), port(channels[1]), plan.codec(),
                tones[0].payloadType(), masters[0], masters[1]);
        c.invite = SiprecOffer.invite(endpoints, callId, fromTag, branch, sdp, SiprecOffer.metadata(ids));
        calls.add(c);
        live.add(c);
        byCallId.put(callId, c);
        c.sentAt = now;
        c.retransmitInterval = T1;
        c.retransmitAt = now + T1;
        c.deadline = now + 64 * T1;
        send(c.invite);
    }

    private static int port(DatagramChannel ch) throws IOException {
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }

    private void send(byte[] message) throws IOException {
        sip.write(ByteBuffer.wrap(message));
    }

    private void receive() throws IOException {
        while (true) {
            in.clear();
            int n;
            try {
                n = sip.read(in);
            } catch (java.net.PortUnreachableException e) {
                strayMessages++;
                continue;
            }
            if (n <= 0) {
                return;
            }
            SipMessage m;
            try {
                m = SipMessage.parse(in.array(), n);
            } catch (IllegalArgumentException e) {
                parseErrors++;
                continue;
            }
            LoadCall c = m.callId() == null ? null : byCallId.get(m.callId());
            if (m.isResponse()) {
                if (c == null) {
                    strayMessages++;
                } else if ("INVITE".equals(m.cseqMethod())) {
                    onInviteResponse(c, m);
                } else if ("BYE".equals(m.cseqMethod())) {
                    onByeResponse(c, m);
                }
            } else {
                onRequest(c, m);
            }
        }
    }

    private void onInviteResponse(LoadCall c, SipMessage m) throws IOException {
        int status = m.status();
        if (status < 200) {
            if (c.state == LoadCall.State.CALLING) {
                c.state = LoadCall.State.PROCEEDING; // §17.1.1.2: retransmissions stop
                c.retransmitAt = 0;
            }
            return;
        }
        if (status >= 300) {
            // §17.1.1.3: the ACK of a failure belongs to the INVITE transaction (same branch), also for retransmissions
            send(SiprecOffer.inDialog(endpoints, "ACK", 1, null, c.callId, c.fromTag, m.header("To"), c.inviteBranch));
            if (c.state == LoadCall.State.CALLING || c.state == LoadCall.State.PROCEEDING) {
                fail(c, status);
            }
            return;
        }
        if (c.state != LoadCall.State.CALLING && c.state != LoadCall.State.PROCEEDING) {
            if (c.ack != null) {
                send(c.ack); // a retransmitted 2xx: our ACK was lost (§13.2.2.4)
            }
            return;
        }
        SdpAnswer answer;
        try {
            answer = SdpAnswer.parse(m.body());
        } catch (IllegalArgumentException e) {
            answer = null;
        }
        c.to = m.header("To");
        c.remoteTarget = m.contactUri() != null ? m.contactUri() : "sip:srs@" + plan.serverHost() + ":" + plan.serverPort();
        c.ack = SiprecOffer.inDialog(endpoints, "ACK", 1, c.remoteTarget, c.callId, c.fromTag, c.to,
                "z9hG4bK" + Long.toHexString(ids.nextLong()));
        send(c.ack);
        long now = System.nanoTime();
        c.answeredAt = now;
        setupMillis.record((now - c.sentAt) / 1000);
        c.retransmitAt = 0;
        if (answer == null || !startMedia(c, answer, now)) {
            c.state = LoadCall.State.CONFIRMED;
            failures.merge(606, 1, Integer::sum); // answered, but a stream was refused or unreadable
            c.byeAt = now;
            return;
        }
        c.state = LoadCall.State.CONFIRMED;
    }

    private boolean startMedia(LoadCall c, SdpAnswer answer, long now) throws IOException {
        int packets = plan.callSeconds() * 50;
        long firstDue = epoch + ((now + 20 * MS - epoch) / MS + 1) * MS;
        MediaStream[] streams = new MediaStream[2];
        for (int i = 0; i < 2; i++) {
            Integer port = answer.portsByLabel().get(LABELS[i]);
            if (port == null || port == 0) {
                c.wipeKeys();
                return false;
            }
            c.channels[i].connect(new InetSocketAddress(answer.address(), port));
            streams[i] = new MediaStream(c.channels[i], LABELS[i], c.keys[i], tones[i], ids.nextInt(),
                    ids.nextInt(0x10000), ids.nextInt(), packets, firstDue);
        }
        c.wipeKeys();
        c.streams = streams;
        for (int i = 0; i < 2; i++) {
            prefiller.add(streams[i]);
            pacers[(2 * c.index + i) % pacers.length].add(streams[i]);
        }
        c.byeAt = firstDue + packets * Pacer.INTERVAL_NANOS + 40 * MS;
        allMediaStarted = Math.max(allMediaStarted, firstDue);
        return true;
    }

    private void onByeResponse(LoadCall c, SipMessage m) {
        if (c.state != LoadCall.State.BYE_SENT) {
            return;
        }
        if (m.status() < 200) {
            c.retransmitInterval = T2; // §17.1.2.2 Proceeding: retransmit at T2
            return;
        }
        c.byeStatus = m.status();
        finish(c, LoadCall.State.DONE);
    }

    private void onRequest(LoadCall c, SipMessage m) throws IOException {
        if ("ACK".equals(m.method())) {
            return;
        }
        if ("INVITE".equals(m.method())) {
            send(SiprecOffer.response(m, 488, "Not Acceptable Here", Long.toHexString(ids.nextLong())));
            return;
        }
        send(SiprecOffer.response(m, 200, "OK", Long.toHexString(ids.nextLong())));
        if ("BYE".equals(m.method()) && c != null && !c.finished()) {
            c.endedByServer = true;
            c.stopMedia();
            finish(c, LoadCall.State.DONE);
        }
    }

    private void timers(long now) throws IOException {
        for (int i = live.size() - 1; i >= 0; i--) {
            LoadCall c = live.get(i);
            switch (c.state) {
                case CALLING, PROCEEDING -> {
                    if (now >= c.deadline) {
                        fail(c, -1); // Timer B
                    } else if (c.retransmitAt != 0 && now >= c.retransmitAt) {
                        send(c.invite); // Timer A, doubling without cap (§17.1.1.2)
                        retransmissions++;
                        c.retransmitInterval *= 2;
                        c.retransmitAt = now + c.retransmitInterval;
                    }
                }
                case CONFIRMED -> {
                    // hang up once both streams sent their last packet; a generator that fell behind
                    // keeps the call up until then (its lateness shows it), for at most 30 s more
                    if (now >= c.byeAt && (mediaDone(c) || now >= c.byeAt + BYE_GRACE)) {
                        sendBye(c, now);
                    }
                }
                case BYE_SENT -> {
                    if (now >= c.deadline) {
                        c.byeStatus = -1; // Timer F
                        finish(c, LoadCall.State.DONE);
                    } else if (now >= c.retransmitAt) {
                        send(c.bye); // Timer E, capped at T2 (§17.1.2.2)
                        retransmissions++;
                        c.retransmitInterval = Math.min(2 * c.retransmitInterval, T2);
                        c.retransmitAt = now + c.retransmitInterval;
                    }
                }
                default -> {
                }
            }
        }
        live.removeIf(LoadCall::finished);
    }

    private static boolean mediaDone(LoadCall c) {
        if (c.streams != null) {
            for (MediaStream m : c.streams) {
                if (!m.done()) {
                    return false;
                }
            }
        }
        return true;
    }

    private void sendBye(LoadCall c, long now) throws IOException {
        if (firstBye == 0) {
            firstBye = now;
        }
        c.stopMedia();
        c.bye = SiprecOffer.inDialog(endpoints, "BYE", 2, c.remoteTarget, c.callId, c.fromTag, c.to,
                "z9hG4bK" + Long.toHexString(ids.nextLong()));
        c.state = LoadCall.State.BYE_SENT;
        c.retransmitInterval = T1;
        c.retransmitAt = now + T1;
        c.deadline = now + 64 * T1;
        send(c.bye);
    }

    private void fail(LoadCall c, int status) {
        c.failure = status;
        failures.merge(status, 1, Integer::sum);
        c.wipeKeys();
        finish(c, LoadCall.State.FAILED);
    }

    private void finish(LoadCall c, LoadCall.State state) {
        c.state = state;
        c.retransmitAt = 0;
        c.invite = null;
        if (c.streams == null) {
            for (DatagramChannel ch : c.channels) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing was sent on it
                }
            }
        }
    }

    void close() throws IOException {
        selector.close();
        sip.close();
    }
}
