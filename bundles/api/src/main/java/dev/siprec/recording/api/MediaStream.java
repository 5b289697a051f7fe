package dev.siprec.recording.api;

/**
 * One recorded media stream: an {@code m=} line of the recording session's SDP tied to a metadata
 * {@code <stream>} through its label (RFC 7866 §7.1.1, RFC 7865 §6.7).
 *
 * @param key the server's unique key of the stream within the recording session (label, or {@code m<index>}; suffixed when reused)
 * @param label {@code a=label} value, or {@code null}
 * @param streamId the metadata stream_id, or {@code null} when there is no metadata for it
 * @param mLineIndex index of the m-line in the SDP
 * @param codec encoding name, e.g. {@code PCMU}, {@code G722}, {@code opus}
 * @param sampleRate the decoder's PCM output rate in Hz (8000 for G.711, 16000 for G.722)
 * @param srtpSuite the negotiated SRTP suite, or {@code null} for plain RTP
 */
public record MediaStream(String key, String label, String streamId, int mLineIndex, String codec, int sampleRate,
                          String srtpSuite) {
}
