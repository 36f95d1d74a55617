package dev.faultline.instrument.log4j1;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import java.util.HashMap;
import java.util.Hashtable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.apache.log4j.MDC;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * Log4j 1.2 and reload4j: {@code org.apache.log4j.Category#callAppenders(LoggingEvent)}, reached
 * by every logger call that passed its level, on the logging thread, before any appender (an
 * AsyncAppender included). Log4j 1's MDC is a live per-thread Hashtable: copied here, and only
 * for events that are captured. A message object that is not a String is rendered here too
 * (the event keeps the rendering for its appenders). An event below the capture level is
 * remembered as a breadcrumb. The event's public {@code fqnOfCategoryClass} (the FQCN a wrapper
 * handed {@code Category.log(fqcn, level, message, t)}, Log4j 1's own location rule; in every 1.2
 * and reload4j) goes to the bridge as the call site's boundary.
 */
public final class Log4j1Instrumentation implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> CALL_APPENDERS = named("callAppenders")
            .and(takesArguments(1)).and(takesArgument(0, named("org.apache.log4j.spi.LoggingEvent")));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        TypePool.Resolution mdc = pool.describe("org.apache.log4j.MDC");
        TypePool.Resolution event = pool.describe("org.apache.log4j.spi.LoggingEvent");
        if (type.getDeclaredMethods().filter(CALL_APPENDERS).isEmpty() || !mdc.isResolved()
                || mdc.resolve().getDeclaredMethods().filter(named("getContext")).isEmpty()
                || !event.isResolved() || event.resolve().getDeclaredFields().filter(named("fqnOfCategoryClass")).isEmpty()) {
            return null;
        }
        return Advices.of(getClass(), "CallAppendersAdvice", pool, locator).on(CALL_APPENDERS);
    }

    static final class CallAppendersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Bridge.Skip.class)
        @SuppressWarnings({"rawtypes", "unchecked"})
        static Object enter(@Advice.Argument(0) LoggingEvent event) {
            int severity = Severity.of(event.getLevel().toInt(), 50000, 40000, 30000, 20000);
            Hashtable mdc = MDC.getContext();
            Object message = event.getMessage();
            if (!Bridge.captures(severity) && !Bridge.mayCarryCode(mdc, null)) {
                // getRenderedMessage renders once and keeps it in the event for the appenders.
                return Bridge.crumb(severity, event.timeStamp, event.getLoggerName(),
                        message instanceof String ? (String) message : event.getRenderedMessage(), null,
                        CapturedEvent.FORMAT_NONE);
            }
            ThrowableInformation info = event.getThrowableInformation();
            return Bridge.capture("log4j1", severity, event.timeStamp, event.getLoggerName(), event.getThreadName(),
                    message instanceof String ? (String) message : event.getRenderedMessage(), null,
                    CapturedEvent.FORMAT_NONE, info == null ? null : info.getThrowable(),
                    mdc == null || mdc.isEmpty() ? null : new HashMap(mdc), null, true, null, event.fqnOfCategoryClass);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
