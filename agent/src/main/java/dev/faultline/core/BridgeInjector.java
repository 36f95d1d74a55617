package dev.faultline.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
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
    private static final String INDEX = "inst/dev/faultline/bootstrap.classes";

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

    /**
     * The bridge's class files, named by the index the build writes; a jar without one (built
     * some other way) is walked entry by entry, which costs premain tens of milliseconds.
     */
    private static List<JarEntry> bridgeClasses(JarFile jar) throws IOException {
        List<JarEntry> classes = new ArrayList<JarEntry>();
        JarEntry index = jar.getJarEntry(INDEX);
        if (index != null) {
            for (String name : new String(read(jar, index), StandardCharsets.UTF_8).split("\n")) {
                JarEntry entry = jar.getJarEntry(name.trim());
                if (entry != null && entry.getName().startsWith(BRIDGE_PATH)) {
                    classes.add(entry);
                }
            }
            if (!classes.isEmpty()) {
                return classes;
            }
        }
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
        JdkCalls.exportToAgent(inst, "jdk.internal.misc");
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method defineMethod = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // From JDK 18 reflection runs on method handles, and its first call of a six-argument
        // method spins around 100 ms of classes on the application's main thread (JDK 25,
        // measured): there one exact invoker, a fraction of that. JDK 17's reflection calls
        // natively and spins nothing, cheaper still (JdkCalls).
        MethodHandle define = JdkCalls.REFLECTION_IS_NATIVE ? null : MethodHandles.lookup().unreflect(defineMethod)
                .asType(MethodType.methodType(Class.class, Object.class, String.class, byte[].class, int.class, int.class,
                        ClassLoader.class, ProtectionDomain.class));
        // The first class through Unsafe, the others through a lookup in it (Lookup#defineClass
        // defines into the lookup class's loader and package, and creates nothing more), so that
        // JDK 17's reflection stays under its 15 native calls (the 16th generates an accessor
        // class: 7 ms). A class whose bridge superclass is not defined yet fails; define the
        // rest and retry.
        MethodHandles.Lookup inBridge = null;
        List<JarEntry> pending = new ArrayList<JarEntry>(classes);
        while (!pending.isEmpty()) {
            List<JarEntry> failed = new ArrayList<JarEntry>();
            Throwable last = null;
            for (JarEntry entry : pending) {
                String name = entry.getName().substring(0, entry.getName().length() - ".class".length()).replace('/', '.');
                byte[] bytes = read(jar, entry);
                try {
                    if (inBridge != null) {
                        inBridge.defineClass(bytes);
                    } else {
                        Class<?> defined = define == null
                                ? (Class<?>) JdkCalls.invoke(defineMethod, unsafe, name, bytes, 0, bytes.length, null, null)
                                : (Class<?>) define.invokeExact(unsafe, name, bytes, 0, bytes.length,
                                        (ClassLoader) null, (ProtectionDomain) null);
                        inBridge = MethodHandles.privateLookupIn(defined, MethodHandles.lookup());
                    }
                } catch (LinkageError e) {
                    failed.add(entry);
                    last = e;
                } catch (RuntimeException e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot define " + name, e);
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
