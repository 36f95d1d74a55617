package dev.faultline.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves advice into one library type. Implementations are instantiated only when their type is
 * actually loaded, so an application that never uses a framework never pays for its hook.
 */
public interface TypeInstrumentation {
    /**
     * The advice to weave into {@code type}, or null when the library's shape is not the one
     * this instrumentation knows (an unsupported version): the type is then left untouched. Build
     * each advice with {@link Advices#of}, so that what it suppresses is counted.
     *
     * @param pool resolves the library's other types from the class loader that defines it
     * @param locator finds class files of the library, the agent's advice and the bridge
     */
    AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator);
}
