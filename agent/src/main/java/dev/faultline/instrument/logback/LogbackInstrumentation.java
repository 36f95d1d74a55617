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
import dev.faultline.instrument.TypeInstrumentation;
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
        String advice = getClass().getName() + (keyValues ? "$CallAppendersAdvice" : "$CallAppendersAdvice12");
        return Advice.to(pool.describe(advice).resolve(), locator).on(CALL_APPENDERS);
    }


    /** Logback 1.3 and later. */
    static final class CallAppendersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) ILoggingEvent event) {
            int severity = Severity.fromLogback(event.getLevel().toInt());
            if (!Bridge.captures(severity)) {
                return false;
            }
            if (Bridge.enter()) {
                try {
                    IThrowableProxy proxy = event.getThrowableProxy();
                    Bridge.capture("logback", severity, event.getTimeStamp(), event.getLoggerName(),
                            event.getThreadName(), event.getMessage(), event.getArgumentArray(),
                            CapturedEvent.FORMAT_SLF4J,
                            proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null,
                            event.getMDCPropertyMap(), event.getKeyValuePairs(), true);
                } catch (Throwable t) {
                    Bridge.adviceFailed(t);
                }
            }
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            if (entered) {
                Bridge.exit();
            }
        }
    }

    /** Logback 1.2: the same without key-value pairs. */
    static final class CallAppendersAdvice12 {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) ILoggingEvent event) {
            int severity = Severity.fromLogback(event.getLevel().toInt());
            if (!Bridge.captures(severity)) {
                return false;
            }
            if (Bridge.enter()) {
                try {
                    IThrowableProxy proxy = event.getThrowableProxy();
                    Bridge.capture("logback", severity, event.getTimeStamp(), event.getLoggerName(),
                            event.getThreadName(), event.getMessage(), event.getArgumentArray(),
                            CapturedEvent.FORMAT_SLF4J,
                            proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null,
                            event.getMDCPropertyMap(), null, true);
                } catch (Throwable t) {
                    Bridge.adviceFailed(t);
                }
            }
            return true;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            if (entered) {
                Bridge.exit();
            }
        }
    }
}
