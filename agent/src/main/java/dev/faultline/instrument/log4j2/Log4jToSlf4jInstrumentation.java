package dev.faultline.instrument.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.instrument.Advices;
import dev.faultline.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.FormattedMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.MessageFormatMessage;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.StringFormattedMessage;

/**
 * log4j-to-slf4j's {@code org.apache.logging.slf4j.SLF4JLogger#logMessage(fqcn, level, marker,
 * message, thrown)}: the Log4j2 API's calls when SLF4J is the backend. That logger formats the
 * message and hands SLF4J the text alone, so the backend's hook would capture a new template per
 * argument value. This hook captures nothing itself: for a call at the capture level it holds the
 * message's template ({@code Message.getFormat()}, a reference) open for the backend's hook
 * ({@code Bridge.bridged}), which captures the call with its own MDC (log4j-to-slf4j's
 * ThreadContext is SLF4J's MDC) and the text it was given as the formatted message. A call below
 * the capture level costs the level read and one volatile read.
 */
public final class Log4jToSlf4jInstrumentation implements TypeInstrumentation {
    private static final ElementMatcher.Junction<MethodDescription> LOG_MESSAGE = named("logMessage")
            .and(takesArguments(5)).and(takesArgument(0, String.class))
            .and(takesArgument(1, named("org.apache.logging.log4j.Level")))
            .and(takesArgument(2, named("org.apache.logging.log4j.Marker")))
            .and(takesArgument(3, named("org.apache.logging.log4j.message.Message")))
            .and(takesArgument(4, Throwable.class));

    @Override
    public AsmVisitorWrapper advice(TypeDescription type, TypePool pool, ClassFileLocator locator) {
        if (type.getDeclaredMethods().filter(LOG_MESSAGE).isEmpty()) {
            return null;
        }
        return Advices.of(getClass(), "LogMessageAdvice", pool, locator).on(LOG_MESSAGE);
    }

    static final class LogMessageAdvice {
        /** The default message of 2.6 and later outside web applications (not in 2.0's API: by name). */
        static final String REUSABLE = "org.apache.logging.log4j.message.ReusableParameterizedMessage";

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Logger logger, @Advice.Argument(1) Level level,
                @Advice.Argument(3) Message message, @Advice.Argument(4) Throwable thrown) {
            if (message == null || !Bridge.captures(Severity.of(-level.intLevel(), -100, -200, -300, -400))) {
                return null;
            }
            // Messages made of a pattern and arguments; the rest (a map, an object, plain text)
            // keep the text as their template, as Logback's hook makes it.
            if (!(message instanceof ParameterizedMessage || message instanceof StringFormattedMessage
                    || message instanceof MessageFormatMessage || message instanceof FormattedMessage
                    || message.getClass().getName().equals(REUSABLE))) {
                return null;
            }
            String template = message.getFormat();
            return template == null ? null : Bridge.bridged(null, 0, 0L, logger.getName(), null, template, null,
                    CapturedEvent.FORMAT_FORMATTED, thrown, null);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Bridge.exit(token);
        }
    }
}
