package dev.siprec.media.internal.rtp;

import java.util.ArrayList;
import java.util.List;

/** Mutable counters of one stream, written on its I/O thread under the receiver's lock. */
public final class StreamCounters {
    public long received;
    public long lost;
    public long late;
    public long duplicates;
    public long authFailed;
    public long replayed;
    public long malformed;
    /** Packets refused because of their source address (not allowed, or not the latched peer). */
    public long refusedSource;
    public long undecodable;
    /** SRTP/SRTCP packets dropped undecoded because the key exchange had not delivered keys. */
    public long droppedBeforeKeys;
    /** Datagrams handed to the key exchange on the media port (DTLS, RFC 7983). */
    public long keyExchangeDatagrams;
    public long rtcpPackets;
    public long dtmfEvents;
    public long firstPacketNanos = -1;
    public long lastPacketNanos = -1;
    public String codec;
    public final List<Long> ssrcs = new ArrayList<>();
    /** Expected/received per interval and interarrival jitter (RFC 3550), for quality reports. */
    public final ReceptionStats reception = new ReceptionStats();

    /** Records {@code ssrc} if new; @return {@code true} when it was seen before */
    public boolean seen(long ssrc) {
        for (int i = 0; i < ssrcs.size(); i++) {
            if (ssrcs.get(i) == ssrc) {
                return true;
            }
        }
        return false;
    }
}
