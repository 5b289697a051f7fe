package dev.siprec.recording.wav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @TempDir
    Path dir;

    @Test
    void mapsCallIdsAndMetadataIdsToASafeCharset() {
        assertEquals("a84b4c76e66710_pc33.atlanta.com", Names.sanitize("a84b4c76e66710@pc33.atlanta.com", "s", 80));
        assertEquals("zJ8p_DxSQZGDYmxE_kQ_Ag__", Names.sanitize("zJ8p+DxSQZGDYmxE/kQ/Ag==", "s", 80));
        assertEquals("_hidden", Names.sanitize(".hidden", "s", 80));
        assertEquals("s", Names.sanitize("", "s", 80));
        assertEquals("s", Names.sanitize(null, "s", 80));
        assertEquals(80, Names.sanitize("x".repeat(500), "s", 80).length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../../etc/passwd", "/etc/passwd", "a/../../b", "..\\..\\x", ".", "\u0000", "%2e%2e%2f", "~root"})
    void traversalAttemptsStayInsideTheParent(String raw) throws Exception {
        Path day = Files.createDirectory(dir.resolve("2026-01-01"));
        Path folder = Names.createUniqueFolder(day, raw);
        assertEquals(day, folder.getParent());
        assertTrue(Files.isDirectory(folder));
        String name = folder.getFileName().toString();
        assertTrue(name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*"), name);
    }

    @Test
    void addsASuffixOnCollision() throws Exception {
        Path a = Names.createUniqueFolder(dir, "call@host");
        Path b = Names.createUniqueFolder(dir, "call@host");
        Path c = Names.createUniqueFolder(dir, "call/host");
        assertEquals("call_host", a.getFileName().toString());
        assertEquals("call_host-2", b.getFileName().toString());
        assertEquals("call_host-3", c.getFileName().toString());
    }

    @Test
    void uniqueFileNames() {
        Set<String> taken = new HashSet<>(Set.of("session.json"));
        assertEquals("stream-1.wav", Names.uniqueFile(taken, "stream-1", ".wav"));
        assertEquals("stream-1-2.wav", Names.uniqueFile(taken, "stream-1", ".wav"));
        assertEquals("stream-1-3.wav", Names.uniqueFile(taken, "stream-1", ".wav"));
        assertFalse(taken.add("stream-1-2.wav"));
    }

    @Test
    void insideRefusesEscapes() {
        assertThrows(IllegalArgumentException.class, () -> Names.inside(dir, "../x"));
        assertThrows(IllegalArgumentException.class, () -> Names.inside(dir, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> Names.inside(dir, ".."));
        assertEquals(dir.resolve("ok.wav"), Names.inside(dir, "ok.wav"));
    }
}
