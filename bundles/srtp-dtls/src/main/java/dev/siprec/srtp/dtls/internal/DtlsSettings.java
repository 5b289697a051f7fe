package dev.siprec.srtp.dtls.internal;

import java.time.Duration;

/**
 * Validated limits of the engine (PID {@code dev.siprec.dtls}).
 *
 * @param handshakeTimeout a handshake that does not complete in this time is refused
 * @param maxDatagram longest datagram accepted on the port for DTLS
 * @param maxHandshakesPerSource handshakes one source address and port may start on one stream
 * @param maxDatagramsPerSecond DTLS datagrams per second and stream before the excess is dropped
 * @param threads handshake threads (Bouncy Castle's DTLS handshake blocks while it waits)
 * @param queue handshakes waiting for a thread before new ones are refused as busy
 * @param rotation certificate rotation period
 */
record DtlsSettings(Duration handshakeTimeout, int maxDatagram, int maxHandshakesPerSource, int maxDatagramsPerSecond,
                    int threads, int queue, Duration rotation) {
    DtlsSettings {
        if (handshakeTimeout.toMillis() < 1000 || handshakeTimeout.toSeconds() > 300) {
            throw new IllegalArgumentException("handshake.timeout.seconds must be 1..300: " + handshakeTimeout.toSeconds());
        }
        if (maxDatagram < 512 || maxDatagram > 65507) {
            throw new IllegalArgumentException("max.datagram.bytes must be 512..65507: " + maxDatagram);
        }
        if (maxHandshakesPerSource < 1 || maxHandshakesPerSource > 100) {
            throw new IllegalArgumentException("max.handshakes.per.source must be 1..100: " + maxHandshakesPerSource);
        }
        if (maxDatagramsPerSecond < 10 || maxDatagramsPerSecond > 100_000) {
            throw new IllegalArgumentException("max.datagrams.per.second must be 10..100000: " + maxDatagramsPerSecond);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("handshake.threads must be 1..64: " + threads);
        }
        if (queue < 0 || queue > 100_000) {
            throw new IllegalArgumentException("handshake.queue must be 0..100000: " + queue);
        }
        if (rotation.toMinutes() < 1 || rotation.toDays() > 3650) {
            throw new IllegalArgumentException("certificate.rotation.minutes must be 1..5256000: " + rotation.toMinutes());
        }
    }

    static DtlsSettings defaults() {
        return new DtlsSettings(Duration.ofSeconds(10), 1500, 3, 200, 4, 256, Duration.ofDays(1));
    }

    DtlsSettings withTimeout(Duration t) {
        return new DtlsSettings(t, maxDatagram, maxHandshakesPerSource, maxDatagramsPerSecond, threads, queue, rotation);
    }
}
