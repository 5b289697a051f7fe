package dev.siprec.itests;

import java.io.IOException;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads recorded WAV files and measures them: duration, channels, tone power (Goertzel). */
final class Audio {
    final AudioFormat format;
    final short[][] channels;

    private Audio(AudioFormat format, short[][] channels) {
        this.format = format;
        this.channels = channels;
    }

    static Audio read(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleSizeInBits() != 16 || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IOException(wav + ": not 16-bit signed PCM: " + f);
            }
            byte[] bytes = in.readAllBytes();
            int ch = f.getChannels();
            int frames = bytes.length / (2 * ch);
            short[][] data = new short[ch][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < ch; c++) {
                    int o = (i * ch + c) * 2;
                    data[c][i] = f.isBigEndian() ? (short) ((bytes[o] << 8) | (bytes[o + 1] & 0xff))
                            : (short) ((bytes[o + 1] << 8) | (bytes[o] & 0xff));
                }
            }
            return new Audio(f, data);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + ": " + e.getMessage(), e);
        }
    }

    double seconds() {
        return channels[0].length / (double) format.getSampleRate();
    }

    /** Relative power of {@code hz} in channel {@code c} (Goertzel), over the non-silent samples. */
    double power(int c, double hz) {
        short[] x = channels[c];
        double coeff = 2 * Math.cos(2 * Math.PI * hz / format.getSampleRate());
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short v : x) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) v * v;
        }
        double p = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return energy == 0 ? 0 : p / (energy * x.length / 2.0);
    }

    /** @return which of {@code candidates} is strongest in channel {@code c}. */
    double dominant(int c, double... candidates) {
        double best = candidates[0];
        for (double hz : candidates) {
            if (power(c, hz) > power(c, best)) {
                best = hz;
            }
        }
        return best;
    }
}
