package dev.siprec.recording.api;

import java.time.Instant;

/**
 * Reception state of one recorded stream (counters as RFC 3550 §6.4.1 defines loss).
 *
 * @param key the stream's key ({@link MediaStream#key()})
 * @param label the {@code a=label}, or {@code null}
 * @param mLineIndex the m-line index
 * @param codec the codec last received, else the negotiated primary codec
 * @param srtpSuite the SRTP suite, or {@code null} for plain RTP
 * @param receiving {@code false} while on hold ({@code a=inactive}, RFC 3264 §8.4) or stopped
 * @param rtpPort the server's RTP port
 * @param latched the client's address once latched, or {@code null}
 * @param received packets accepted
 * @param lost packets never received
 * @param late packets dropped for arriving too late
 * @param authFailed SRTP packets that did not authenticate
 * @param replayed SRTP packets refused as replays
 * @param lastPacket when the last valid packet arrived, or {@code null}
 */
public record StreamState(String key, String label, int mLineIndex, String codec, String srtpSuite, boolean receiving,
                          int rtpPort, String latched, long received, long lost, long late, long authFailed,
                          long replayed, Instant lastPacket) {
}
