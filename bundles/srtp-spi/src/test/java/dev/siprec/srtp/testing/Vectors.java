package dev.siprec.srtp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test vectors from {@code src/test/resources/vectors}: blocks of {@code name: value} lines
 * separated by blank lines, {@code #} comments.
 */
public final class Vectors {
    private Vectors() {
    }

    public static List<Map<String, String>> load(String resource) {
        InputStream in = Vectors.class.getResourceAsStream("/vectors/" + resource);
        if (in == null) {
            throw new IllegalArgumentException("no test vectors " + resource);
        }
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isEmpty()) {
                    if (!current.isEmpty()) {
                        blocks.add(current);
                        current = new LinkedHashMap<>();
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                current.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }
}
