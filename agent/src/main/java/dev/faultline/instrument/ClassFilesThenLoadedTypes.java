package dev.faultline.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Describes types from their class files, and a type that has no class file to read from the
 * loaded class, found through the woven class's loader without initialising it. Another agent may
 * have changed the class before us (either order: the OpenTelemetry agent adds its
 * {@code VirtualFieldInstalledMarker} interface and fields to {@code CompletableFuture},
 * {@code FutureTask} and {@code DispatcherServlet} as they are defined), and its helper types are
 * defined without a class file that the loader hands out as a resource; a pool over class files
 * alone then fails the whole weave with {@code NoSuchTypeException}.
 */
final class ClassFilesThenLoadedTypes extends TypePool.Default {
    private final ClassLoader loader;

    ClassFilesThenLoadedTypes(ClassFileLocator classFiles, ClassLoader loader) {
        super(new TypePool.CacheProvider.Simple(), classFiles, TypePool.Default.ReaderMode.FAST);
        this.loader = loader;
    }

    @Override
    protected Resolution doDescribe(String name) {
        Resolution fromClassFile = super.doDescribe(name);
        if (fromClassFile.isResolved()) {
            return fromClassFile;
        }
        try {
            // The woven class itself always has its class file (the transformer's bytes), so this
            // never loads the class being defined.
            return new Resolution.Simple(TypeDescription.ForLoadedType.of(Class.forName(name, false, loader)));
        } catch (ClassNotFoundException | LinkageError e) {
            return fromClassFile;
        }
    }
}
