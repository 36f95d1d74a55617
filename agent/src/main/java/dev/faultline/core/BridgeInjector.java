package dev.faultline.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bridge classes ({@code dev/faultline/bootstrap/}) into the bootstrap class loader.
 *
 * <p>{@code Instrumentation.appendToBootstrapClassLoaderSearch} would do, but on JDK 11 to 25 it
 * turns class data sharing off for every class outside the boot loader and prints a VM warning
 * into the application's output. Defining the few bridge classes directly into the boot loader
 * avoids both. The internal {@code Unsafe} needed for that is exported to the agent's own
 * isolated class loader only, never to the application. If any of this is refused (a future
 * JDK), we fall back to the append.
 *
 * <p>Must not refer to any bridge class: it runs before they exist.
 */
public final class BridgeInjector {
    private static final String BRIDGE_PATH = "dev/faultline/bootstrap/";

    private BridgeInjector() {
    }

    public static void inject(Instrumentation inst, JarFile jar) throws IOException {
        List<JarEntry> classes = bridgeClasses(jar);
        try {
            defineInBootLoader(inst, jar, classes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Diag.debug("defining the bridge directly failed (" + e + "), appending the agent jar to the boot class path");
            inst.appendToBootstrapClassLoaderSearch(jar);
        }
    }

    private static List<JarEntry> bridgeClasses(JarFile jar) {
        List<JarEntry> classes = new ArrayList<JarEntry>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (entry.getName().startsWith(BRIDGE_PATH) && entry.getName().endsWith(".class")) {
                classes.add(entry);
            }
        }
        return classes;
    }

    private static void defineInBootLoader(Instrumentation inst, JarFile jar, List<JarEntry> classes)
            throws ReflectiveOperationException, IOException {
        Module base = Object.class.getModule();
        Module agent = BridgeInjector.class.getModule();
        inst.redefineModule(base, Collections.<Module>emptySet(),
                Map.of("jdk.internal.misc", Set.of(agent)), Collections.<String, Set<Module>>emptyMap(),
                Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // A class whose bridge superclass is not defined yet fails; define the rest and retry.
        List<JarEntry> pending = new ArrayList<JarEntry>(classes);
        while (!pending.isEmpty()) {
            List<JarEntry> failed = new ArrayList<JarEntry>();
            Throwable last = null;
            for (JarEntry entry : pending) {
                String name = entry.getName().substring(0, entry.getName().length() - ".class".length()).replace('/', '.');
                byte[] bytes = read(jar, entry);
                try {
                    define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
                } catch (InvocationTargetException e) {
                    failed.add(entry);
                    last = e.getCause();
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + failed, last);
            }
            pending = failed;
        }
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(entry.getSize(), 512));
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
