package dev.faultline.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.Bridge;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** Advice built by {@link Advices}: what it throws is counted, and the method runs as if unhooked. */
class AdvicesTest {
    /** The woven type: a plain method standing for a framework's entry point. */
    public static class Greeter implements UnaryOperator<String> {
        @Override
        public String apply(String name) {
            return "hello " + name;
        }
    }

    static final class ThrowingAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String name) {
            if (name.startsWith("enter")) {
                throw new IllegalStateException("enter advice failed");
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String name) {
            if (name.startsWith("exit")) {
                throw new IllegalStateException("exit advice failed");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static UnaryOperator<String> woven() throws Exception {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(AdvicesTest.class.getClassLoader());
        TypePool pool = TypePool.Default.of(locator);
        Class<?> type = new ByteBuddy().redefine(Greeter.class)
                .visit(Advices.of(AdvicesTest.class, "ThrowingAdvice", pool, locator).on(named("apply")))
                .make().load(AdvicesTest.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST).getLoaded();
        return (UnaryOperator<String>) type.getDeclaredConstructor().newInstance();
    }

    @Test
    void anExceptionThrownInsideEnterOrExitAdviceIsCountedOnceAndTheMethodRunsOn() throws Exception {
        UnaryOperator<String> greeter = woven();
        long before = Bridge.adviceErrors();
        assertEquals("hello enter-fails", greeter.apply("enter-fails"));
        assertEquals(before + 1, Bridge.adviceErrors());
        assertEquals("hello exit-fails", greeter.apply("exit-fails"));
        assertEquals(before + 2, Bridge.adviceErrors());
    }

    @Test
    void everyAdviceOfEveryCapturePathSuppressesEveryThrowable() {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(AdvicesTest.class.getClassLoader()));
        Map<String, String> targets = new HashMap<>();
        for (String path : CapturePaths.names()) {
            CapturePaths.targetsOf(path, targets);
        }
        int advice = 0;
        for (String instrumentation : new TreeSet<>(targets.values())) {
            for (TypeDescription nested : pool.describe(instrumentation).resolve().getDeclaredTypes()) {
                for (MethodDescription.InDefinedShape m : nested.getDeclaredMethods()) {
                    for (AnnotationDescription a : m.getDeclaredAnnotations()) {
                        String kind = a.getAnnotationType().getSimpleName();
                        if (kind.equals("OnMethodEnter") || kind.equals("OnMethodExit")) {
                            advice++;
                            assertEquals(Throwable.class.getName(),
                                    a.getValue("suppress").resolve(TypeDescription.class).getName(), nested + "#" + m.getName());
                        }
                    }
                }
            }
        }
        assertTrue(advice >= 20, "advice methods found: " + advice);
    }

    @Test
    void adviceThatDoesNotThrowCountsNothing() throws Exception {
        UnaryOperator<String> greeter = woven();
        long before = Bridge.adviceErrors();
        assertEquals("hello world", greeter.apply("world"));
        assertEquals(before, Bridge.adviceErrors());
    }
}
