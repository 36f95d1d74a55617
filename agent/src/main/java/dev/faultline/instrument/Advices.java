package dev.faultline.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.faultline.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.pool.TypePool;

/**
 * The one way an instrumentation builds its advice. Every advice is declared with
 * {@code suppress = Throwable.class}, so that nothing it throws reaches the application; the
 * handler installed here hands what it suppressed to {@code Bridge.adviceFailed(Throwable)}, so
 * that it is counted in {@code agent_health.advice_errors} rather than lost. An advice parameter
 * may be bound by type ({@link ArgumentOfType}) where one advice serves entries that differ in
 * argument order.
 */
public final class Advices {
    /** Consumes the suppressed Throwable on the operand stack: {@code Bridge.adviceFailed(t)}. */
    private static final StackManipulation COUNT_FAILURE = MethodInvocation.invoke(TypeDescription.ForLoadedType
            .of(Bridge.class).getDeclaredMethods().filter(named("adviceFailed")).getOnly());

    private Advices() {
    }

    /**
     * The advice in the nested class {@code adviceName} of {@code instrumentation}, read as a
     * class file (never loaded: it names the library's types).
     */
    public static Advice of(Class<?> instrumentation, String adviceName, TypePool pool, ClassFileLocator locator) {
        TypeDescription advice = pool.describe(instrumentation.getName() + "$" + adviceName).resolve();
        return Advice.withCustomMapping().bind(ArgumentOfType.BINDING).to(advice, locator).withExceptionHandler(COUNT_FAILURE);
    }
}
