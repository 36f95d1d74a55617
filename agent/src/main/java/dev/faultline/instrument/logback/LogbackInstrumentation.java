package dev.faultline.instrument.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Logback 1.2 to 1.5: {@code ch.qos.logback.classic.Logger#callAppenders(ILoggingEvent)}, reached
 * only by events that passed the logger's own level, on the logging thread, before any appender.
 * Skipping the method keeps a suppressed event out of the application's appenders. An event below
 * the capture level is remembered as a breadcrumb. The event itself goes to the bridge as the
 * call site's boundary: its {@code fqnOfLoggerClass} (package-private, not readable from here) is
 * the FQCN a wrapper handed SLF4J's {@code LocationAwareLogger}, read by the agent only when the
 * event needs its call site.
 */
public final class LogbackInstrumentation implements TypeInstrumentation {
    private static final String EVENT = "ch.qos.logback.classic.spi.ILoggingEvent";
    private static final ElementMatcher<MethodDescription> CALL_APPENDERS =
            named("callAppenders").and(takesArguments(1)).and(takesArgument(0, named(EVENT)));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(CALL_APPENDERS).isEmpty()) {
            return null;
        }
        // Logback 1.3 added ILoggingEvent#getKeyValuePairs (SLF4J 2 key-value pairs); 1.2 lacks it.
        TypePool.Resolution event = pool.describe(EVENT);
        boolean keyValues = event.isResolved()
                && !event.resolve().getDeclaredMethods().filter(named("getKeyValuePairs")).isEmpty();
        String advice = keyValues ? "CallAppendersAdvice" : "CallAppendersAdvice12";
        return Advices.of(getClass(), advice, pool, locator).on(CALL_APPENDERS);
    }

    /** Logback 1.3 and later. */
    static final class CallAppendersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Bridge.Skip.class)
        static Object enter(@Advice.Argument(0) ILoggingEvent event) {
            int severity = Severity.of(event.getLevel().toInt(), Severity.NONE, 40000, 30000, 20000);
            Map<String, String> mdc = event.getMDCPropertyMap();
            List<?> keyValues = event.getKeyValuePairs();
            if (!Bridge.captures(severity) && !Bridge.mayCarryCode(mdc, keyValues)) {
                return Bridge.crumb(severity, event.getTimeStamp(), event.getLoggerName(), event.getMessage(),
                        event.getArgumentArray(), CapturedEvent.FORMAT_SLF4J);
            }
            IThrowableProxy proxy = event.getThrowableProxy();
            return Bridge.capture("logback", severity, event.getTimeStamp(), event.getLoggerName(),
                    event.getThreadName(), event.getMessage(), event.getArgumentArray(), CapturedEvent.FORMAT_SLF4J,
                    proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null,
                    mdc, keyValues, true, null, event);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }

    /** Logback 1.2: the same without key-value pairs. */
    static final class CallAppendersAdvice12 {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Bridge.Skip.class)
        static Object enter(@Advice.Argument(0) ILoggingEvent event) {
            int severity = Severity.of(event.getLevel().toInt(), Severity.NONE, 40000, 30000, 20000);
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (!Bridge.captures(severity) && !Bridge.mayCarryCode(mdc, null)) {
                return Bridge.crumb(severity, event.getTimeStamp(), event.getLoggerName(), event.getMessage(),
                        event.getArgumentArray(), CapturedEvent.FORMAT_SLF4J);
            }
            IThrowableProxy proxy = event.getThrowableProxy();
            return Bridge.capture("logback", severity, event.getTimeStamp(), event.getLoggerName(),
                    event.getThreadName(), event.getMessage(), event.getArgumentArray(), CapturedEvent.FORMAT_SLF4J,
                    proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null,
                    mdc, null, true, null, event);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
