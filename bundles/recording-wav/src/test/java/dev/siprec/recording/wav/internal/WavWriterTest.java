package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
    private static final long BIG = WavSinkConfig.DEFAULT_RF64_THRESHOLD;

    @TempDir
    Path dir;

    @Test
    void monoWavIsReadByJavaSound() throws Exception {
        Path f = dir.resolve("a.wav");
        short[] tone = Signals.tone(440, 8000, 8000, 10000, 0);
        try (WavWriter w = new WavWriter(Storage.FILES, f, 1, 8000, BIG)) {
            w.write(tone, 0, 5000);
            w.write(tone, 5000, 3000);
            w.finish();
        }
        AudioFileFormat aff = AudioSystem.getAudioFileFormat(f.toFile());
        assertEquals(AudioFileFormat.Type.WAVE, aff.getType());
        AudioFormat fmt = aff.getFormat();
        assertEquals(8000f, fmt.getSampleRate());
        assertEquals(1, fmt.getChannels());
        assertEquals(16, fmt.getSampleSizeInBits());
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, fmt.getEncoding());
        assertFalse(fmt.isBigEndian());
        assertEquals(8000, aff.getFrameLength());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            byte[] pcm = in.readAllBytes();
            short[] back = new short[pcm.length / 2];
            ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(back);
            assertArrayEquals(tone, back);
        }
        assertEquals(WavHeader.SIZE + 16000, Files.size(f));
    }

    @Test
    void stereoWavAndSilence() throws Exception {
        Path f = dir.resolve("s.wav");
        try (WavWriter w = new WavWriter(Storage.FILES, f, 2, 16000, BIG)) {
            w.write(new short[] {1, 2, 3, 4}, 0, 4);
            w.writeSilence(2 * 100_000);
            assertEquals(100_002, w.frames());
            w.finish();
        }
        AudioFileFormat aff = AudioSystem.getAudioFileFormat(f.toFile());
        assertEquals(2, aff.getFormat().getChannels());
        assertEquals(16000f, aff.getFormat().getSampleRate());
        assertEquals(100_002, aff.getFrameLength());
        short[] right = Signals.channel(f, 1);
        assertEquals(2, right[0]);
        assertEquals(4, right[1]);
        assertEquals(0, right[100_001]);
    }

    @Test
    void headerIsTrueAfterEveryFlushBeforeTheEnd() throws Exception {
        Path f = dir.resolve("live.wav");
        WavWriter w = new WavWriter(Storage.FILES, f, 1, 8000, BIG);
        w.write(new short[800], 0, 800);
        w.flush();
        assertEquals(800, AudioSystem.getAudioFileFormat(f.toFile()).getFrameLength());
        w.write(new short[1600], 0, 1600);
        w.flush();
        assertEquals(2400, AudioSystem.getAudioFileFormat(f.toFile()).getFrameLength());
        w.abandon();
        assertEquals(2400, WavHeader.read(f).frames());
    }

    @Test
    void switchesInPlaceToRf64PastTheThreshold() throws Exception {
        Path f = dir.resolve("long.wav");
        short[] ramp = new short[3000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i * 7);
        }
        try (WavWriter w = new WavWriter(Storage.FILES, f, 1, 8000, 4096)) {
            w.write(ramp, 0, 1000);
            w.flush();
            WavHeader.Info before = WavHeader.read(f);
            assertFalse(before.rf64());
            assertEquals(2000, before.dataSize());
            w.write(ramp, 1000, 2000);
            assertTrue(w.isRf64());
            w.finish();
        }
        byte[] raw = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RF64", new String(raw, 0, 4, "US-ASCII"));
        assertEquals(-1, b.getInt(4), "RIFF size is 0xFFFFFFFF in RF64");
        assertEquals("WAVE", new String(raw, 8, 4, "US-ASCII"));
        assertEquals("ds64", new String(raw, 12, 4, "US-ASCII"));
        assertEquals(28, b.getInt(16));
        assertEquals(raw.length - 8, b.getLong(20), "ds64 RIFF size");
        assertEquals(6000, b.getLong(28), "ds64 data size");
        assertEquals(3000, b.getLong(36), "ds64 sample count");
        assertEquals("fmt ", new String(raw, 48, 4, "US-ASCII"));
        assertEquals("data", new String(raw, 72, 4, "US-ASCII"));
        assertEquals(-1, b.getInt(76), "data size is 0xFFFFFFFF in RF64");
        WavHeader.Info info = WavHeader.read(f);
        assertTrue(info.rf64());
        assertEquals(3000, info.frames());
        assertEquals(8000, info.sampleRate());
        assertArrayEquals(ramp, Signals.channel(f, 0));
    }

    @Test
    void plainWavReservesTheDs64SpaceAsJunk() throws Exception {
        Path f = dir.resolve("j.wav");
        try (WavWriter w = new WavWriter(Storage.FILES, f, 1, 8000, BIG)) {
            w.finish();
        }
        byte[] raw = Files.readAllBytes(f);
        assertEquals("RIFF", new String(raw, 0, 4, "US-ASCII"));
        assertEquals("JUNK", new String(raw, 12, 4, "US-ASCII"));
        assertEquals(WavHeader.SIZE, raw.length);
        assertEquals(0, AudioSystem.getAudioFileFormat(f.toFile()).getFrameLength());
    }

    @Test
    void parserRejectsWhatIsNotWave() throws Exception {
        Path f = dir.resolve("x.wav");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("RIFF\0\0\0\0AVI LIST".getBytes("US-ASCII"));
        Files.write(f, b.toByteArray());
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> WavHeader.read(f));
    }

    @Test
    void samplesReadBackFromFileAndBuffer() throws Exception {
        Path f = dir.resolve("back.wav");
        short[] tone = Signals.tone(440, 8000, 8000, 10000, 0);
        try (WavWriter w = new WavWriter(Storage.FILES, f, 1, 8000, BIG)) {
            w.write(tone, 0, 3000);              // more than one buffer: partly in the file already
            w.writeSilence(100);
            w.write(tone, 3100, 400);
            short[] back = new short[3500];
            w.read(0, back, 0, 3500, ByteBuffer.allocate(512));
            short[] expected = tone.clone();
            java.util.Arrays.fill(expected, 3000, 3100, (short) 0);
            assertArrayEquals(java.util.Arrays.copyOf(expected, 3500), back);
            short[] middle = new short[10];
            w.read(2995, middle, 0, 10, ByteBuffer.allocate(4));
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 2995, 3005), middle);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> w.read(3400, middle, 0, 101, ByteBuffer.allocate(512)), "past what was written");
            w.finish();
        }
    }

    @Test
    void theBufferIsTakenByWritesAndLetGoAtTheFlush() throws Exception {
        Path f = dir.resolve("buf.wav");
        try (WavWriter w = new WavWriter(Storage.FILES, f, 1, 8000, BIG)) {
            assertFalse(w.holdsBuffer());
            w.write(new short[160], 0, 160);
            assertTrue(w.holdsBuffer());
            w.flush();
            assertFalse(w.holdsBuffer(), "nothing waits after a flush");
            w.flush();
            assertFalse(w.holdsBuffer());
            w.writeSilence(10);
            assertTrue(w.holdsBuffer());
            w.finish();
            assertEquals(170, WavHeader.read(f).frames());
        }
    }

    @Test
    void bufferSizeFollowsTheRate() {
        assertEquals(4096, WavWriter.bufferBytes(1, 8000));
        assertEquals(8192, WavWriter.bufferBytes(2, 8000));
        assertEquals(WavWriter.MAX_BUFFER_BYTES, WavWriter.bufferBytes(2, 48000));
        assertEquals(WavWriter.MIN_BUFFER_BYTES, WavWriter.bufferBytes(1, 1000));
    }
}
