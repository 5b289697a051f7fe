/** The WAV recording sink: per-stream files, the stereo mix, metadata and {@code session.json}. */
package dev.siprec.recording.wav.internal;
