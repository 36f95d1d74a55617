package dev.faultline.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's internals (its own code and the relocated Byte Buddy, MongoDB driver, BSON,
 * Jackson) from the jar's {@code inst/} entries, stored as {@code .classdata} so that no other
 * class loader can find them. Its parent is the platform loader: the agent sees the JDK and the
 * bootstrap bridge, never the application's classes, so any library version the application
 * ships is irrelevant to us and ours to it.
 */
final class AgentClassLoader extends ClassLoader {
    private static final String PREFIX = "inst/";
    private static final String BRIDGE = "dev.faultline.bootstrap.";
    private static final String BRIDGE_PATH = "dev/faultline/bootstrap/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    AgentClassLoader(JarFile jar) throws MalformedURLException {
        super("faultline", ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        URL location = new java.io.File(jar.getName()).toURI().toURL();
        this.jarUrl = "jar:" + location + "!/";
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    /**
     * Every class the jar holds under {@code inst/} comes from the jar, before the parent is
     * asked. Parent-first is not enough on the module path: the platform loader delegates a
     * package of a named module in the boot layer to that module's loader, so with an
     * application's own {@code org.slf4j} module on {@code --module-path}, the relocated MongoDB
     * driver found the application's SLF4J (and logged into its Logback) instead of ours, which
     * binds to the no-op provider. Names under {@code java.} are the JDK's alone; the bridge is
     * not under {@code inst/} and still comes from the boot loader.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.") || jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata") == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/');
        // The bridge is normally found by the parent (it is on the bootstrap path once premain
        // appended the jar); only the CLI, started without premain, reads it from here.
        JarEntry entry = jar.getJarEntry(name.startsWith(BRIDGE) ? path + ".class" : PREFIX + path + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readAll(in, (int) entry.getSize());
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // Another thread defined it first: fine.
                }
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        String entryName = hiddenEntry(name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        // Byte Buddy reads advice class files through this; read the entry directly rather
        // than through a jar: URL connection (which caches and may keep the jar open twice).
        JarEntry entry = jar.getJarEntry(hiddenEntry(name));
        if (entry != null) {
            try {
                return jar.getInputStream(entry);
            } catch (IOException e) {
                return null;
            }
        }
        return super.getResourceAsStream(name);
    }

    /**
     * The {@code inst/} entry that holds a resource; class files are stored as .classdata. The
     * bridge's class files are plain entries: the weaver reads them when it describes advice
     * woven into boot-loader classes (JUL), whose own loader has no class files for them.
     */
    private static String hiddenEntry(String resource) {
        if (resource.startsWith(BRIDGE_PATH)) {
            return resource;
        }
        return PREFIX + (resource.endsWith(".class")
                ? resource.substring(0, resource.length() - ".class".length()) + ".classdata"
                : resource);
    }

    private static byte[] readAll(InputStream in, int sizeHint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 ? sizeHint : 4096);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
