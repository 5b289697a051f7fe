package dev.siprec.recording.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that stores or forwards recordings: WAV files, object storage, a live stream. Sinks are
 * a whiteboard: every registered sink receives every new recording session. A sink that fails to
 * open a session is logged and skipped without affecting the other sinks or the call.
 */
@ConsumerType
public interface RecordingSink {

    /** Service property, {@code String}: the sink's name, e.g. {@code wav}. */
    String SINK = "recording.sink";

    /**
     * Opens the sink's side of a new recording session.
     *
     * @throws IOException when the sink cannot take the session (e.g. disk full); the server then
     *                     answers {@code 503} if no sink could open it
     */
    Session open(RecordingSession session) throws IOException;

    /**
     * Opens the sink's side of a new recording session, with a way to tell the server that the sink can
     * no longer store it. The server calls this method; without an override it calls {@link #open(RecordingSession)}.
     *
     * @param control how the sink reports a failure that makes the recording useless (e.g. disk full)
     * @throws IOException as {@link #open(RecordingSession)}
     * @since 0.2.0
     */
    default Session open(RecordingSession session, Control control) throws IOException {
        return open(session);
    }

    /**
     * The server's side of one recording session, given to the sink at {@link #open(RecordingSession, Control)}.
     *
     * @since 0.2.0
     */
    @org.osgi.annotation.versioning.ProviderType
    interface Control {
        /**
         * The sink cannot store this session any more (e.g. the disk is full): the server ends the session with
         * BYE ({@code Reason: SIP;cause=507}) and then {@link Session#end} with {@link EndReason#STORAGE_FAILURE}.
         * May be called from any thread, more than once; must not block.
         *
         * @param cause what failed, for the log, the BYE's reason and the session's summary
         */
        void storageFailed(String cause);
    }

    /**
     * A sink's handle on one recording session. Methods are called from the session's threads,
     * never concurrently for the same stream; {@link #audio} is on the media path and must not
     * block (queue and write elsewhere).
     */
    @ConsumerType
    interface Session extends AutoCloseable {

        /** A stream was added (initial offer or re-INVITE). */
        void streamAdded(MediaStream stream);

        /**
         * A stream was removed or replaced by a re-INVITE (RFC 3264 §8.2 port 0, or a new {@code a=label} on its
         * m-line): it receives no more audio, and the sink should finalize what it holds for it now rather than
         * at the end of the session. Its audio was flushed before this call. The key is never reused in the session.
         *
         * @param streamKey {@link MediaStream#key()}
         * @since 0.2.0
         */
        default void streamRemoved(String streamKey) {
        }

        /**
         * Decoded 16-bit linear PCM for one stream. The array is reused by the caller: copy what is kept.
         *
         * @param streamKey {@link MediaStream#key()}
         * @param samplePosition position of the first sample from the stream's start, at {@code sampleRate}; gaps are explicit
         * @param pcm samples
         * @param offset first sample in {@code pcm}
         * @param count number of samples
         */
        void audio(String streamKey, long samplePosition, short[] pcm, int offset, int count);

        /**
         * Ties a sample position of a stream to wall-clock time, so that streams can be aligned
         * (stereo mix): from RTCP sender reports (RFC 3550 §6.4.1) when {@code fromRtcp}, else
         * from packet arrival. Sent at least once per stream, before or with its first audio.
         */
        default void timing(String streamKey, long samplePosition, java.time.Instant wallClock, boolean fromRtcp) {
        }

        /**
         * The latest reception counters of a stream (sent whenever convenient, and once more before
         * {@link #end}); sinks keep the last one per stream for their summaries.
         */
        default void statistics(StreamSummary summary) {
        }

        /** A telephone-event (RFC 4733) finished: {@code digit} is {@code 0-9 * # A-D}. */
        void dtmf(String streamKey, char digit, long samplePosition, int durationMillis);

        /** A metadata body arrived (initial or update), verbatim, with the model parsed from it. */
        void metadata(int version, byte[] body, RecordingSession parsed);

        /** The session changed (participants, streams, hold); {@code state} is the new snapshot. */
        void updated(RecordingSession state);

        /**
         * A fact about the session worth keeping in its summary, e.g. that streams were tied to
         * participants by m-line order because the metadata did not name their labels (RFC 7866
         * §7.1.1), that a plain INVITE was recorded, or that a re-keying failed. Each text is sent once.
         */
        default void note(String text) {
        }

        /** Finalizes: flush, close files, write summaries. */
        void end(EndReason reason);

        /** Same as {@code end(EndReason.ERROR)} if not ended yet. */
        @Override
        default void close() {
            end(EndReason.ERROR);
        }
    }
}
