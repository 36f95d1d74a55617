package dev.faultline.instrument.jul;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * {@code java.util.logging.Logger#log(LogRecord)}: every JUL convenience method ends here. The
 * record's own level check happens inside the method, so the advice repeats it
 * ({@code isLoggable}) to record only what the application actually logs. A loggable record below
 * the capture level is remembered as a breadcrumb. The record goes to the bridge as the call
 * site's boundary: a source class and method the application set on it are its call site (read by
 * the agent without {@code getSourceClassName()}, which would infer the caller by a walk). A
 * captured record is held open until the method's exit ({@code Bridge.bridged}): a handler that
 * bridges it (jul-to-slf4j's {@code SLF4JBridgeHandler}, log4j-jul's {@code Log4jBridgeHandler})
 * reaches the backend's hook, which captures it with the backend's MDC and this record's template,
 * parameters and source; with no such handler it is captured at the exit.
 */
public final class JulInstrumentation implements TypeInstrumentation {
    private static final ElementMatcher<MethodDescription> LOG_RECORD = named("log")
            .and(takesArguments(1)).and(takesArgument(0, named("java.util.logging.LogRecord")));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(LOG_RECORD).isEmpty()) {
            return null;
        }
        return Advices.of(getClass(), "LogAdvice", pool, locator).on(LOG_RECORD);
    }

    static final class LogAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Bridge.Skip.class)
        static Object enter(@Advice.This Logger logger, @Advice.Argument(0) LogRecord record) {
            Level level = record.getLevel();
            int severity = Severity.of(level.intValue(), Severity.NONE, 1000, 900, 800);
            Object[] parameters = record.getParameters();
            Map<String, ?> context = Bridge.mapIn(parameters);
            if (!logger.isLoggable(level)) {
                return null;
            }
            String name = record.getLoggerName();
            if (name == null) {
                // A record without a name, or the anonymous logger's (whose name is null too):
                // stored under "" rather than not at all.
                name = logger.getName() != null ? logger.getName() : "";
            }
            // As Formatter.formatMessage: a record with a resource bundle (getLogger(name, bundle),
            // logrb) carries a key; the handler prints the bundle's pattern for it, or the key
            // when the bundle has none. A bundle name alone is not looked up (nor by JUL). Looked
            // up here, for breadcrumbs too: the ring keeps the pattern (a String), never the
            // bundle, which would keep the application's class loader alive.
            String template = record.getMessage();
            ResourceBundle bundle = record.getResourceBundle();
            if (bundle != null && template != null) {
                try {
                    template = bundle.getString(template);
                } catch (RuntimeException missing) {
                    // MissingResourceException: JUL prints the key as it is; so do we.
                }
            }
            if (!Bridge.captures(severity) && !Bridge.mayCarryCode(context, null)) {
                return Bridge.crumb(severity, record.getMillis(), name,
                        template, parameters, CapturedEvent.FORMAT_MESSAGE_FORMAT);
            }
            if (context != null) {
                // Its code is read here, so that a suppressed repeat can skip the handlers.
                return Bridge.capture("jul", severity, record.getMillis(), name,
                        Thread.currentThread().getName(), template, parameters,
                        CapturedEvent.FORMAT_MESSAGE_FORMAT, record.getThrown(), context, null, true, null, record);
            }
            // A handler may bridge the record to another framework (jul-to-slf4j): its hook then
            // captures it with its MDC and this record's template; else this hook does, at exit.
            return Bridge.bridged("jul", severity, record.getMillis(), name,
                    Thread.currentThread().getName(), template, parameters,
                    CapturedEvent.FORMAT_MESSAGE_FORMAT, record.getThrown(), record);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
