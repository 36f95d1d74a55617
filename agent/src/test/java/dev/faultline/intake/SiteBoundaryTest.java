package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What the intake reads from a hook's hint as the call site's boundary. */
class SiteBoundaryTest {
    @Test
    void anApplicationsFqcnIsTheBoundary() {
        assertEquals("com.acme.FqcnLog", SiteBoundary.of("com.acme.FqcnLog"));
    }

    @Test
    void theFrameworksOwnFqcnIsNoBoundary() {
        assertNull(SiteBoundary.of("ch.qos.logback.classic.Logger"));
        assertNull(SiteBoundary.of("org.apache.logging.log4j.spi.AbstractLogger"));
        assertNull(SiteBoundary.of("org.apache.logging.slf4j.Log4jLogger"));
        assertNull(SiteBoundary.of("java.util.logging.Logger"));
        assertNull(SiteBoundary.of(""));
        assertNull(SiteBoundary.of(null));
    }

    @Test
    void logbacksEventGivesTheFqcnItWasLoggedWith() {
        LoggerContext context = new LoggerContext();
        ch.qos.logback.classic.Logger logger = context.getLogger("shop");
        LoggingEvent wrapped = new LoggingEvent("com.acme.FqcnLog", logger, Level.ERROR, "order {} failed", null, new Object[] {1});
        assertEquals("com.acme.FqcnLog", SiteBoundary.of(wrapped));
        LoggingEvent plain = new LoggingEvent(ch.qos.logback.classic.Logger.class.getName(), logger, Level.ERROR, "x", null, null);
        assertNull(SiteBoundary.of(plain));
    }

    @Test
    void anythingUnreadableIsNoBoundary() {
        assertNull(SiteBoundary.of(new Object()));
        assertNull(SiteBoundary.of(42));
    }

    @Test
    void aJulRecordIsNotReadBeforeJavaUtilLoggingIsOpened() {
        // Unit tests run without the Instrumentation that opens it (the integration tests do).
        LogRecord r = new LogRecord(java.util.logging.Level.SEVERE, "x");
        r.setSourceClassName("com.acme.Orders");
        assertNull(SiteBoundary.of(r));
    }
}
