package dev.faultline.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Unobserved;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * {@code java.util.concurrent.FutureTask}, behind every {@code ExecutorService.submit} and every
 * {@code ScheduledExecutorService} task (a periodic task that throws stops silently through
 * {@code setException}). A failure with no thread waiting in {@code get} is watched (see
 * {@link Unobserved}); {@code get}, {@code resultNow}, {@code exceptionNow} and {@code state}
 * end the watch on their way out, whatever they return or throw.
 */
public final class FutureTaskInstrumentation implements TypeInstrumentation {
    /** FutureTask's state constants, unchanged since JDK 7. */
    static final int NEW = 0;
    static final int EXCEPTIONAL = 3;

    private static final ElementMatcher<MethodDescription> SET_EXCEPTION = named("setException")
            .and(takesArguments(1)).and(takesArgument(0, Throwable.class));
    private static final ElementMatcher<MethodDescription> READS = isPublic()
            .and(namedOneOf("get", "resultNow", "exceptionNow", "state"));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(SET_EXCEPTION).isEmpty() || !hasField(type, "state", int.class)
                || !hasField(type, "waiters", null)) {
            return null;
        }
        return new AsmVisitorWrapper.Compound(
                Advices.of(getClass(), "SetExceptionAdvice", pool, locator).on(SET_EXCEPTION),
                Advices.of(getClass(), "ReadAdvice", pool, locator).on(READS));
    }

    static boolean hasField(TypeDescription type, String name, Class<?> fieldType) {
        for (FieldDescription.InDefinedShape f : type.getDeclaredFields()) {
            if (f.getName().equals(name) && (fieldType == null || f.getType().asErasure().represents(fieldType))) {
                return true;
            }
        }
        return false;
    }

    static final class SetExceptionAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Throwable error,
                @Advice.FieldValue("state") int state, @Advice.FieldValue("waiters") Object waiters) {
            if (state != NEW || waiters != null) {
                return false;
            }
            Unobserved.failed(self, error);
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean watched, @Advice.FieldValue("state") int state) {
            if (watched && state != EXCEPTIONAL) {
                Unobserved.forget(self); // cancelled first: not a failure after all
            }
        }
    }

    static final class ReadAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            if (Unobserved.any()) {
                Unobserved.observed(self);
            }
        }
    }
}
