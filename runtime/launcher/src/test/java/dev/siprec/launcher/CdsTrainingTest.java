package dev.siprec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The training JVM's replay of a class-load list; the training itself needs a built distribution. */
class CdsTrainingTest {
    /** A class "in a bundle", for the fake bundle below. */
    static final class InBundle {
    }

    private static Bundle bundle(String holds, Class<?> answer, List<String> loads) {
        return (Bundle) Proxy.newProxyInstance(CdsTrainingTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getEntry" -> args[0].equals(holds.replace('.', '/') + ".class") ? new URL("file:/x") : null;
                    case "loadClass" -> {
                        loads.add((String) args[0]);
                        if (!args[0].equals(holds)) {
                            throw new ClassNotFoundException((String) args[0]);
                        }
                        yield answer;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void loadsJdkAndBundleClassesAndSkipsSharedAndGeneratedOnes(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib");
        String inBundle = "org.example.Thing";
        Path list = dir.resolve("classes.txt");
        Files.write(list, List.of(
                "java.lang.Object source: shared objects file",
                "java.util.concurrent.ConcurrentSkipListMap source: jrt:/java.base",
                "java.lang.invoke.LambdaForm$MH/0x00007f1f74000400 source: __JVM_LookupDefineClass__",
                "org.example.Thing$$Lambda$12/0x00007f1f74040828 source: org.example.Thing",
                "jdk.proxy1.$Proxy0 source: __dynamic_proxy__",
                "jdk.internal.reflect.GeneratedMethodAccessor1 source: __ClassDefiner__",
                inBundle + " source: file:" + dir.resolve("bundle/thing.jar"),
                "org.example.Missing source: file:" + dir.resolve("bundle/thing.jar"),
                "not a class-load line"));
        List<String> loads = new ArrayList<>();
        CdsTraining.Replay r = CdsTraining.replay(list, List.of(bundle(inBundle, InBundle.class, loads)), lib);
        assertEquals(2, r.loaded(), r.toString());
        assertEquals(5, r.skipped(), r.toString());
        assertEquals(1, r.failed(), r.toString());
        assertEquals(List.of(inBundle), loads, "only the bundle that holds the class is asked for it");
    }

    @Test
    void generatedClassesAreRecognised() {
        assertTrue(CdsTraining.generated("a.B$$Lambda$3/0x0000000800c01234"));
        assertTrue(CdsTraining.generated("com.sun.proxy.$Proxy12"));
        assertTrue(CdsTraining.generated("jdk.internal.reflect.GeneratedConstructorAccessor13"));
        assertTrue(CdsTraining.generated("java.lang.invoke.LambdaForm$DMH/0x00007fb7fc29fc00"));
        assertTrue(CdsTraining.generated(""));
        assertFalse(CdsTraining.generated("org.apache.felix.scr.impl.Activator"));
        assertFalse(CdsTraining.generated("java.util.HashMap$Node"));
    }

    @Test
    void noTrainingWithoutAClassList() {
        String before = System.getProperty(CdsTraining.CLASS_LIST);
        System.clearProperty(CdsTraining.CLASS_LIST);
        try {
            assertNull(CdsTraining.fromSystemProperties(Path.of(".")));
        } finally {
            if (before != null) {
                System.setProperty(CdsTraining.CLASS_LIST, before);
            }
        }
    }
}
