package dev.faultline.instrument;

import dev.faultline.core.Diag;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Weaves target classes that are not loaded yet from their class files, on the agent's warm-up
 * thread, and keeps them in the woven-class cache: those are the bytes the JVM hands the
 * transformer when such a class loads, so its load then finds it woven instead of weaving on the
 * application's thread. On a cold cache a Spring Boot start paid 200-350 ms of its main thread
 * for {@code CompletableFuture} alone, and 94-131 ms for Logback's {@code Logger}; a cache that
 * holds another application's classes (the same agent build on the same machine) made Tomcat's
 * first start weave {@code HttpServlet} on its main thread for 718 ms (docs/BENCHMARKS.md, "A
 * cold woven-class cache"). Run on an application's first start with an agent build ({@link
 * WovenCache#firstStartOf}); a class already in the cache costs a read here and nothing more.
 *
 * <p>First the JDK's own targets, from the runtime image. Then, during the application's start
 * ({@value #WATCH_SECONDS} s), the library targets (Logback, Log4j2, the servlet and Spring
 * classes) through each class loader the transformer sees a class from, asked for the class
 * file as it would be for the load. A class another agent changes before us, or one a loader
 * defines from other bytes than its resource, misses the cache and is woven at its load, as it
 * always was; a class loaded while it is being woven here is woven twice (both results are the
 * same). Not asked: the loaders of Tomcat's web applications (standalone or embedded in Spring
 * Boot), which log a stack trace when asked for a resource after they were stopped.
 */
final class AheadOfLoad {
    private static final int WATCH_SECONDS = 60;

    private final NameMatchingTransformer transformer;
    /** Targets loaded (the transformer was handed them) or woven here: not woven ahead (again). */
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    /** Guarded by this: loaders seen, and those not asked yet. */
    private final Map<ClassLoader, Boolean> seen = new WeakHashMap<ClassLoader, Boolean>();
    private final ArrayDeque<ClassLoader> waiting = new ArrayDeque<ClassLoader>();
    /** The last loader {@link #saw} was told about: most classes come from the same one as the class before. */
    private volatile ClassLoader last;

    AheadOfLoad(NameMatchingTransformer transformer) {
        this.transformer = transformer;
        saw(ClassLoader.getSystemClassLoader());
    }

    /** The transformer's part, for every class: cheap when the loader is the last one's. */
    void saw(ClassLoader loader) {
        if (loader == last || loader == null) {
            return;
        }
        last = loader;
        synchronized (this) {
            if (seen.put(loader, Boolean.TRUE) == null) {
                waiting.add(loader);
                notifyAll();
            }
        }
    }

    /** A target class loaded: the transformer was handed it, or it was loaded before. */
    void loading(String internalName) {
        done.add(internalName);
    }

    /**
     * Weaves each target in a JDK module that is not loaded yet; returns how many were woven.
     * Never throws.
     */
    int weaveJdk() {
        int woven = 0;
        for (String name : transformer.targetNames()) {
            // A library's logger is loaded early in an application's start: through a loader
            // shown meanwhile, its targets go first.
            weaveThroughWaiting(0);
            if (done.contains(name)) {
                continue;
            }
            String pkg = name.substring(0, Math.max(0, name.lastIndexOf('/'))).replace('/', '.');
            for (Module module : ModuleLayer.boot().modules()) {
                ClassLoader loader = module.getClassLoader();
                if ((loader == null || loader == ClassLoader.getPlatformClassLoader()) && module.getPackages().contains(pkg)) {
                    // A .class resource of a named module is never encapsulated.
                    try (InputStream in = module.getResourceAsStream(name + ".class")) {
                        if (in != null && weave(module, loader, name, in)) {
                            woven++;
                        }
                    } catch (Throwable t) {
                        Diag.debug("could not weave " + name + " ahead of its load: " + t);
                    }
                }
            }
        }
        return woven;
    }

    /**
     * For the application's start: weaves the targets not loaded yet that each loader seen can
     * find, as loaders appear, until every target is loaded or woven, or the start's time is over.
     * Never throws.
     */
    void weaveLibraries() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCH_SECONDS);
        long left;
        while ((left = end - System.nanoTime()) > 0 && !done.containsAll(transformer.targetNames())
                && weaveThroughWaiting(left)) {
            // until the start's time is over
        }
        synchronized (this) {
            waiting.clear();
        }
    }

    /**
     * Weaves through the loaders shown and not asked yet, after waiting up to {@code waitNanos}
     * for one when there is none; false when interrupted.
     */
    private boolean weaveThroughWaiting(long waitNanos) {
        while (true) {
            ClassLoader loader;
            synchronized (this) {
                if (waiting.isEmpty() && waitNanos > 0) {
                    try {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    waitNanos = 0;
                }
                loader = waiting.poll();
            }
            if (loader == null) {
                return true;
            }
            // Not the agent's own loader (it holds no target), nor Tomcat's (see above).
            if (loader != ClassLoader.getPlatformClassLoader() && loader != AheadOfLoad.class.getClassLoader()
                    && !isTomcatWebApplications(loader)) {
                weaveThrough(loader);
            }
        }
    }

    /** Tomcat's web-application loader, or one built on it (Spring Boot's embedded Tomcat's). */
    private static boolean isTomcatWebApplications(ClassLoader loader) {
        for (Class<?> c = loader.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.catalina.loader.WebappClassLoaderBase")) {
                return true;
            }
        }
        return false;
    }

    private void weaveThrough(ClassLoader loader) {
        for (String name : transformer.targetNames()) {
            if (done.contains(name)) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                if (in != null) {
                    weave(null, loader, name, in);
                }
            } catch (Throwable t) {
                Diag.debug("could not weave " + name + " ahead of its load: " + t);
            }
        }
    }

    private boolean weave(Module module, ClassLoader loader, String name, InputStream in) throws java.io.IOException {
        boolean woven = transformer.weaveAhead(module, loader, name, in.readAllBytes()) != null;
        done.add(name);
        return woven;
    }
}
