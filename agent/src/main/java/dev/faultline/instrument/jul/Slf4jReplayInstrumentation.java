package dev.faultline.instrument.jul;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.slf4j.event.SubstituteLoggingEvent;

/**
 * SLF4J's replay of the calls it queued while initialising (1.7.15 and later, 2.x): a JUL record
 * that jul-to-slf4j's handler hands a {@code SubstituteLogger} then is captured by JUL's hook at
 * its exit (no backend hook took it), and SLF4J replays it into the backend later, where the
 * backend's hook would capture it a second time, formatted and without its call site.
 * {@code SubstituteLoggingEvent}'s constructor tells the bridge an event was queued during the
 * thread's held call ({@code Bridge.substituted}); {@code LoggerFactory.replaySingleEvent} marks
 * the replay of such an event as that call, so the backend's hook lets it pass
 * ({@code Bridge.replayed}). Both run only while SLF4J initialises: no cost on the logging path.
 */
public final class Slf4jReplayInstrumentation implements TypeInstrumentation {
    private static final String EVENT = "org.slf4j.event.SubstituteLoggingEvent";
    private static final ElementMatcher<MethodDescription> REPLAY = named("replaySingleEvent")
            .and(takesArguments(1)).and(takesArgument(0, named(EVENT)));
    private static final ElementMatcher<MethodDescription> NEW_EVENT = isConstructor().and(takesArguments(0));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        boolean event = type.getName().equals(EVENT);
        ElementMatcher<MethodDescription> target = event ? NEW_EVENT : REPLAY;
        if (type.getDeclaredMethods().filter(target).isEmpty()) {
            return null;
        }
        return Advices.of(getClass(), event ? "NewEventAdvice" : "ReplayAdvice", pool, locator).on(target);
    }

    static final class NewEventAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object event) {
            Bridge.substituted(event);
        }
    }

    static final class ReplayAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.Argument(0) SubstituteLoggingEvent event) {
            return event == null ? null : Bridge.replayed(event, event.getLoggerName(), event.getThrowable());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
