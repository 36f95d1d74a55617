package com.example.faulty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Makes the agent's Logback advice throw: the application hands Logback's public
 * {@code Logger.callAppenders(ILoggingEvent)} an event of its own whose MDC fails on the first
 * read, which the advice makes before Logback does. The application's appenders must still print
 * the event, and a later error must still be recorded. Exits normally.
 */
public class FaultyEventApp {
    public static void main(String[] args) {
        Logger logger = (Logger) LoggerFactory.getLogger(FaultyEventApp.class);
        logger.callAppenders(new MdcFailsOnce(logger, "an event whose MDC fails once"));
        logger.error("an error after the faulty event", new IllegalStateException("later failure"));
        System.out.println("faulty: done");
    }

    /** A Logback event whose first {@code getMDCPropertyMap()} throws; later calls answer normally. */
    static final class MdcFailsOnce extends LoggingEvent {
        private boolean failed;

        MdcFailsOnce(Logger logger, String message) {
            super(Logger.class.getName(), logger, Level.ERROR, message, null, null);
        }

        @Override
        public Map<String, String> getMDCPropertyMap() {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("MDC unavailable (first read only)");
            }
            return super.getMDCPropertyMap();
        }
    }
}
