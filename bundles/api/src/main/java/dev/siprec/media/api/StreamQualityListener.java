package dev.siprec.media.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard of stream quality reports: every service of this type receives, for every received
 * stream, a {@link StreamQuality} about every {@link #REPORT_INTERVAL_SECONDS} seconds while packets
 * arrive, and a final one ({@link StreamQuality#last()}) when the stream closes. An exporter turns
 * them into loss, jitter and late-packet histograms without depending on the media bundle.
 *
 * <p>Reports are delivered on a media I/O thread (the final one on the thread that closes the
 * stream), outside any stream's lock: an implementation must return quickly and never block (record
 * the numbers, do the rest elsewhere). A listener that throws
 * is logged and skipped for that report; the stream goes on.
 */
@ConsumerType
public interface StreamQualityListener {
    /** Seconds between two reports of one stream (RTCP's recommended minimum interval is 5 s, RFC 3550 §6.2). */
    int REPORT_INTERVAL_SECONDS = 10;

    /** @param report one stream's quality over its last interval */
    void streamQuality(StreamQuality report);
}
