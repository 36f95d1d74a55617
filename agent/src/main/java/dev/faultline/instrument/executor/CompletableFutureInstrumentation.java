package dev.faultline.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Unobserved;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * {@code java.util.concurrent.CompletableFuture}. A failure starts in {@code completeThrowable(x)}
 * (package-private since JDK 9: the task of {@code supplyAsync}/{@code runAsync}, or a stage's
 * function, threw) or in {@code completeExceptionally}; it is watched when no dependent stage
 * and no waiting reader is attached at that moment. Reading the outcome or attaching a stage
 * afterwards ({@code get}, {@code join}, {@code handle}, {@code whenComplete},
 * {@code exceptionally}, {@code then*}...) ends the watch on the way out, and so does the failure
 * passing into another future ({@code completeThrowable(x, r)}, e.g. {@code allOf}; a relay,
 * {@code encodeRelay}, e.g. {@code thenCompose}, {@code anyOf}). A stage that fails at once, on
 * the thread that attaches it, writes its result field directly: {@link ImmediateStageFailure}.
 * A future failed by its own {@code orTimeout} has that method's stage as its one dependent:
 * {@code Unobserved.timedOut}.
 */
public final class CompletableFutureInstrumentation implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> ORIGINATES = namedOneOf("completeThrowable", "completeExceptionally")
            .and(takesArguments(1)).and(takesArgument(0, Throwable.class));
    private static final ElementMatcher<MethodDescription> PROPAGATES = named("completeThrowable")
            .and(takesArguments(2)).and(takesArgument(0, Throwable.class));
    /** A completed future's outcome copied into another ({@code thenCompose}, {@code anyOf}), read without a public method. */
    private static final ElementMatcher<MethodDescription> RELAYS = named("encodeRelay").and(isStatic())
            .and(takesArguments(1)).and(takesArgument(0, Object.class));
    /** Reading the outcome: these throw exactly when the future failed, so the exit hook covers throws. */
    private static final ElementMatcher<MethodDescription> READS = isPublic().and(not(isStatic()))
            .and(namedOneOf("get", "join", "getNow", "resultNow", "exceptionNow", "state", "isCompletedExceptionally"));
    /**
     * Attaching a stage: the hook runs on normal return only. An exception handler around these
     * hot, tiny methods would stop the JIT from eliminating the stages' allocations (measured:
     * +3.5 ns per thenApply in ExecutorBenchmark with one, nothing measurable without).
     */
    private static final ElementMatcher<MethodDescription> ATTACHES = isPublic().and(not(isStatic()))
            .and(namedOneOf("copy", "minimalCompletionStage")
                    .or(nameStartsWith("then")).or(nameStartsWith("handle")).or(nameStartsWith("whenComplete"))
                    .or(nameStartsWith("exceptionally")).or(nameStartsWith("acceptEither"))
                    .or(nameStartsWith("applyToEither")).or(nameStartsWith("runAfter")));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(named("completeThrowable").and(takesArguments(1))).isEmpty()
                || type.getDeclaredMethods().filter(PROPAGATES).isEmpty()
                || !FutureTaskInstrumentation.hasField(type, "result", Object.class)
                || !FutureTaskInstrumentation.hasField(type, "stack", null)
                || type.getDeclaredMethods().filter(named("uniWhenCompleteStage").and(takesArguments(2))).isEmpty()) {
            return null;
        }
        return new AsmVisitorWrapper.Compound(
                new AsmVisitorWrapper.ForDeclaredMethods().method(any(), new ImmediateStageFailure()),
                new AsmVisitorWrapper.ForDeclaredMethods().method(namedOneOf("orTimeout", "arrangeTimeout"), new OwnTimeoutStage()),
                Advices.of(getClass(), "OriginateAdvice", pool, locator).on(ORIGINATES),
                Advices.of(getClass(), "PropagateAdvice", pool, locator).on(PROPAGATES),
                Advices.of(getClass(), "RelayAdvice", pool, locator).on(RELAYS),
                Advices.of(FutureTaskInstrumentation.class, "ReadAdvice", pool, locator).on(READS),
                Advices.of(getClass(), "AttachAdvice", pool, locator).on(ATTACHES));
    }

    static final class OriginateAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Throwable error,
                @Advice.FieldValue("result") Object result, @Advice.FieldValue("stack") Object stack) {
            if (result != null) {
                return false;
            }
            if (stack != null) {
                return Unobserved.timedOut(self, error);
            }
            Unobserved.failedAlone(self, error);
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean watched, @Advice.Return boolean completed) {
            if (watched && !completed) {
                Unobserved.forget(self); // completed otherwise meanwhile: not this failure
            }
        }
    }

    static final class AttachAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            if (Unobserved.any()) {
                Unobserved.observed(self);
            }
        }
    }

    /** Every relay, succeeded ones too: one volatile read unless some failure is watched. */
    static final class RelayAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object outcome) {
            if (Unobserved.any()) {
                Unobserved.relayed(outcome);
            }
        }
    }

    static final class PropagateAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) Throwable error, @Advice.Argument(1) Object source,
                @Advice.FieldValue("result") Object result, @Advice.FieldValue("stack") Object stack) {
            return Unobserved.passedOn(self, error, source, result == null && stack == null);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean watched, @Advice.Return boolean completed) {
            if (watched && !completed) {
                Unobserved.forget(self);
            }
        }
    }
}
