package dev.faultline.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/**
 * Sentry's Logback appender, for the comparison with the agents people use: added to the root
 * logger when {@code -Dbench.sentry.dsn} is set and sentry-logback is on the class path
 * (benchmarks/compare-agents.sh puts it there; the benchmarks do not depend on it). Looked up by
 * reflection so the module builds without it.
 */
final class SentryAppender {
    private SentryAppender() {
    }

    @SuppressWarnings("unchecked")
    static void addIfAsked(LoggerContext context, Logger root) {
        String dsn = System.getProperty("bench.sentry.dsn");
        if (dsn == null) {
            return;
        }
        try {
            Object options = Class.forName("io.sentry.SentryOptions").getConstructor().newInstance();
            options.getClass().getMethod("setDsn", String.class).invoke(options, dsn);
            Class<?> type = Class.forName("io.sentry.logback.SentryAppender");
            Appender<ILoggingEvent> appender = (Appender<ILoggingEvent>) type.getConstructor().newInstance();
            type.getMethod("setOptions", options.getClass()).invoke(appender, options);
            type.getMethod("setMinimumEventLevel", Level.class).invoke(appender, Level.ERROR);
            appender.setContext(context);
            appender.start();
            root.addAppender(appender);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-Dbench.sentry.dsn needs sentry-logback on the class path", e);
        }
    }
}
