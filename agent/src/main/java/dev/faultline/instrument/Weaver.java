package dev.faultline.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Rewrites one class file with the advice of its instrumentation. The advice classes are never
 * loaded: they are read as class files from the agent jar and inlined, so they may refer to the
 * library's types, which the agent's own class loader cannot see.
 */
public final class Weaver {
    private final ByteBuddy byteBuddy;
    private final ClassFileLocator agentClasses;

    Weaver() {
        // Retransformation may not add members, and the woven classes are the library's own:
        // no validation, no auxiliary fields or type initialisers, only declared methods.
        this.byteBuddy = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
        this.agentClasses = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
    }

    /** The woven class file, or null when the instrumentation declines this version. */
    byte[] weave(String instrumentationClass, Module module, ClassLoader loader, String internalName,
            byte[] classfile) throws ReflectiveOperationException {
        String name = internalName.replace('/', '.');
        ClassFileLocator library = loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader);
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, classfile), library, agentClasses);
        TypePool pool = new ClassFilesThenLoadedTypes(locator, loader);
        TypeDescription type = pool.describe(name).resolve();
        TypeInstrumentation instrumentation = (TypeInstrumentation) Class.forName(instrumentationClass)
                .getDeclaredConstructor().newInstance();
        AsmVisitorWrapper advice = instrumentation.advice(type, pool, locator);
        if (advice == null) {
            return null;
        }
        return byteBuddy.redefine(type, locator).visit(advice).make().getBytes();
    }
}
