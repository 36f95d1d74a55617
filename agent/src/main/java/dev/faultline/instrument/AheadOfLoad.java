package dev.faultline.instrument;

import dev.faultline.core.Diag;
import java.io.InputStream;
import java.util.Set;

/**
 * On a cold woven-class cache, weaves the JDK's target classes that are not loaded yet from their
 * class files in the runtime image, on the agent's warm-up thread, and keeps them in the cache:
 * those are the bytes the JVM hands the transformer when such a class loads, so its load then
 * finds it woven instead of weaving on the application's thread. A Spring Boot start paid
 * 200-350 ms of its main thread for {@code CompletableFuture} alone (docs/BENCHMARKS.md, "A cold
 * woven-class cache costs a Boot start seconds"). A class another agent changes before us
 * misses the cache and is woven at its load, as it always was. Only classes of the JDK's own
 * modules (boot and platform loaders): an application's classes may differ from what its
 * loader will define.
 */
final class AheadOfLoad {
    private AheadOfLoad() {
    }

    /**
     * Weaves each target of {@code transformer} in a JDK module that is not in {@code loaded}
     * (internal names); returns how many were woven. Never throws.
     */
    static int weave(NameMatchingTransformer transformer, Set<String> loaded) {
        int woven = 0;
        for (String name : transformer.targetNames()) {
            if (loaded.contains(name)) {
                continue;
            }
            String pkg = name.substring(0, Math.max(0, name.lastIndexOf('/'))).replace('/', '.');
            for (Module module : ModuleLayer.boot().modules()) {
                ClassLoader loader = module.getClassLoader();
                if ((loader == null || loader == ClassLoader.getPlatformClassLoader()) && module.getPackages().contains(pkg)) {
                    // A .class resource of a named module is never encapsulated.
                    try (InputStream in = module.getResourceAsStream(name + ".class")) {
                        if (in != null && transformer.transform(module, loader, name, null, null, in.readAllBytes()) != null) {
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
}
