package dev.faultline.instrument.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.ArgumentOfType;
import dev.faultline.instrument.TypeInstrumentation;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.IndexedReadOnlyStringMap;

/**
 * Log4j2 2.x: {@code core.Logger} and {@code core.async.AsyncLogger}, each at its two entries,
 * {@code logMessage(fqcn, level, marker, message, thrown)} (every {@code logger.error(..)}) and,
 * since 2.13, {@code log(level, marker, fqcn, location, message, thrown)} (the LogBuilder). Both
 * are reached only after the logger's level and filters passed, and always on the application
 * thread, before the AsyncLogger's ring buffer or an AsyncAppender's queue.
 *
 * <p>Messages: {@code ParameterizedMessage} and {@code SimpleMessage} are immutable, so the
 * pattern and argument references are handed over as for Logback. Every other type is formatted
 * here on the application thread: reusable (garbage-free) messages are overwritten by the
 * thread's next log call, and the rest (MapMessage, ObjectMessage, custom types) may be mutable.
 * An event below the capture level is remembered as a breadcrumb: pattern and parameters.
 *
 * <p>Both entries take the {@code fqcn} Log4j2's own location uses (the class the logging code
 * ends with: {@code AbstractLogger}, or a wrapper's own class handed to {@code logIfEnabled}); it
 * goes to the bridge as the call site's boundary.
 */
public final class Log4j2Instrumentation implements TypeInstrumentation {
    private static final String LEVEL = "org.apache.logging.log4j.Level";
    private static final String MARKER = "org.apache.logging.log4j.Marker";
    private static final String MESSAGE = "org.apache.logging.log4j.message.Message";
    private static final ElementMatcher.Junction<MethodDescription> LOG_MESSAGE = named("logMessage").and(takesArguments(5))
            .and(takesArgument(0, String.class)).and(takesArgument(1, named(LEVEL))).and(takesArgument(2, named(MARKER)))
            .and(takesArgument(3, named(MESSAGE))).and(takesArgument(4, Throwable.class));
    private static final ElementMatcher.Junction<MethodDescription> LOG_AT = named("log").and(takesArguments(6))
            .and(takesArgument(0, named(LEVEL))).and(takesArgument(1, named(MARKER))).and(takesArgument(2, String.class))
            .and(takesArgument(3, StackTraceElement.class)).and(takesArgument(4, named(MESSAGE)))
            .and(takesArgument(5, Throwable.class));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(LOG_MESSAGE).isEmpty()
                || !pool.describe("org.apache.logging.log4j.ThreadContext").isResolved()) {
            return null;
        }
        // One advice for both entries (LOG_AT only matches from 2.13, which added the LogBuilder):
        // its parameters are bound by type, wherever each entry takes them.
        return Advices.of(getClass(), "LogAdvice", pool, locator).on(LOG_MESSAGE.or(LOG_AT));
    }

    static final class LogAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Bridge.Skip.class)
        static Object enter(@Advice.This Logger logger, @ArgumentOfType Level level, @ArgumentOfType Marker marker,
                @ArgumentOfType Message message, @ArgumentOfType Throwable thrown, @ArgumentOfType String fqcn) {
            int severity = Severity.of(-level.intLevel(), -100, -200, -300, -400);
            Map<String, ?> context;
            try {
                context = ThreadContext.getImmutableContext();
            } catch (Throwable unreadable) {
                // A garbage-free ThreadContext (log4j2.threadContextMap=GarbageFree, 2.8+) holds
                // objects and makes each one text here: a toString() that throws fails the copy.
                // The references are copied instead; the writer reads each value with a
                // placeholder for one that throws, counted in unreadable_parts.
                IndexedReadOnlyStringMap data = (IndexedReadOnlyStringMap) ThreadContext.getThreadContextMap()
                        .getReadOnlyContextData();
                Map<String, Object> copy = new HashMap<String, Object>();
                for (int i = 0; i < data.size(); i++) {
                    copy.put(data.getKeyAt(i), data.getValueAt(i));
                }
                context = copy;
            }
            if (message == null) {
                return null;
            }
            boolean immutable = message instanceof ParameterizedMessage || message instanceof SimpleMessage;
            if (!Bridge.captures(severity) && !Bridge.mayCarryCode(context, null)) {
                String pattern = null;
                Object[] parameters = null;
                try {
                    // A reusable message's parameters are a copy (one small array), taken now
                    // because the thread's next call overwrites them; an object message's format
                    // is its toString(), which may throw: then the breadcrumb has no message.
                    pattern = message.getFormat();
                    parameters = message.getParameters();
                } catch (Throwable unreadable) {
                    pattern = null;
                }
                return Bridge.crumb(severity, System.currentTimeMillis(), logger.getName(), pattern, parameters,
                        CapturedEvent.FORMAT_SLF4J);
            }
            String text = null;
            if (!immutable) {
                Object caused = Bridge.agentCaused();
                if (caused != null) {
                    return caused;
                }
                // A reusable parameterized message (Log4j2's default {} message outside web
                // applications) makes its text anew each time: a log call its arguments make here
                // is the agent's doing, made again by the application's appender. Other types
                // keep the text made here (FormattedMessage, ObjectMessage...): that call is the
                // application's one, captured and printed as any.
                Object work = message.getClass().getName().equals("org.apache.logging.log4j.message.ReusableParameterizedMessage")
                        ? Bridge.agentWork() : null;
                try {
                    text = message.getFormattedMessage();
                } catch (Throwable unreadable) {
                    // An object message whose toString() throws: Log4j2 drops the event with a
                    // status warning; the record keeps it with a placeholder.
                    text = Bridge.unreadable(unreadable);
                } finally {
                    if (work != null) {
                        Bridge.agentWorkDone(work);
                    }
                }
            }
            return Bridge.capture("log4j2", severity, System.currentTimeMillis(), logger.getName(),
                    Thread.currentThread().getName(), message.getFormat(),
                    immutable ? message.getParameters() : new Object[] {text},
                    immutable ? CapturedEvent.FORMAT_SLF4J : CapturedEvent.FORMAT_FORMATTED,
                    thrown != null ? thrown : message.getThrowable(), context, null, true,
                    marker == null ? null : marker.getName(), fqcn);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
