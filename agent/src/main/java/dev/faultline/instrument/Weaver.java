package dev.faultline.instrument;

import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites one class file with the advice of its instrumentation. The advice classes are never
 * loaded: they are read as class files from the agent jar and inlined, so they may refer to the
 * library's types, which the agent's own class loader cannot see.
 *
 * <p>The advice is applied to the class file with ASM directly (Byte Buddy's
 * {@link AsmVisitorWrapper#wrap} between a class reader and writer), not through a
 * {@code ByteBuddy().redefine(...).make()}: a retransformation may not add members, so the
 * redefinition's machinery (type writer, method registry, instrumented type, validation) would
 * only copy the class, and loading it is about a third of Byte Buddy's classes, which the first
 * weave of a start pays for, often on the application's thread (docs/BENCHMARKS.md, "Twelfth
 * session"). The advice computes its own stack map frames (no {@code COMPUTE_FRAMES}, which would
 * need a class hierarchy); the methods it may change are the class's declared ones but the
 * bridges, as for the redefinition with {@code MethodGraph.Compiler.ForDeclaredMethods} it
 * replaces (the woven class files of both are the same but for the order of attributes).
 */
public final class Weaver {
    private final ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());

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
        int writerFlags = advice.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = advice.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        if ((writerFlags & ClassWriter.COMPUTE_FRAMES) != 0) {
            throw new IllegalStateException(instrumentationClass + " asks for computed frames, which need the class hierarchy");
        }
        ClassReader reader = OpenedClassReader.of(classfile);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classfile);
        // Disabled: the advice may not register auxiliary types or accessors (no members may be added).
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Enumerating("faultline"), TypeInitializer.None.INSTANCE, version, version);
        // Not the compiler's bridge methods, as the redefinition left them: a bridge calls the
        // method it bridges, and advice on both would run twice (CompletableFuture has 42).
        reader.accept(advice.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods().filter(ElementMatchers.not(ElementMatchers.isBridge())), writerFlags, readerFlags),
                readerFlags);
        return writer.toByteArray();
    }
}
