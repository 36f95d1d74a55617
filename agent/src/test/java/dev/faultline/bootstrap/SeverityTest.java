package dev.faultline.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one level mapping, with each framework's thresholds as its advice passes them. */
class SeverityTest {
    private static int logback(int level) {
        return Severity.of(level, Severity.NONE, 40000, 30000, 20000);
    }

    private static int log4j1(int level) {
        return Severity.of(level, 50000, 40000, 30000, 20000);
    }

    private static int jul(int level) {
        return Severity.of(level, Severity.NONE, 1000, 900, 800);
    }

    private static int log4j2(int intLevel) {
        return Severity.of(-intLevel, -100, -200, -300, -400);
    }

    @Test
    void logbackHasNoCriticalAndOffStaysAnError() {
        assertEquals(Severity.ERROR, logback(Integer.MAX_VALUE));
        assertEquals(Severity.ERROR, logback(40000));
        assertEquals(Severity.WARNING, logback(30000));
        assertEquals(Severity.INFO, logback(20000));
        assertEquals(Severity.DEBUG, logback(10000));
        assertEquals(Severity.DEBUG, logback(5000));
        assertEquals(Severity.DEBUG, logback(Integer.MIN_VALUE));
    }

    @Test
    void log4j1FatalIsCritical() {
        assertEquals(Severity.CRITICAL, log4j1(50000));
        assertEquals(Severity.CRITICAL, log4j1(Integer.MAX_VALUE));
        assertEquals(Severity.ERROR, log4j1(49999));
        assertEquals(Severity.WARNING, log4j1(30000));
        assertEquals(Severity.INFO, log4j1(20000));
        assertEquals(Severity.DEBUG, log4j1(10000));
    }

    @Test
    void julSevereIsAnErrorAndConfigIsDebug() {
        assertEquals(Severity.ERROR, jul(1000));
        assertEquals(Severity.ERROR, jul(Integer.MAX_VALUE));
        assertEquals(Severity.WARNING, jul(900));
        assertEquals(Severity.INFO, jul(800));
        assertEquals(Severity.DEBUG, jul(700));
        assertEquals(Severity.DEBUG, jul(Integer.MIN_VALUE));
    }

    @Test
    void log4j2LowerIsWorseAndFatalIsCritical() {
        assertEquals(Severity.CRITICAL, log4j2(0)); // OFF
        assertEquals(Severity.CRITICAL, log4j2(100));
        assertEquals(Severity.ERROR, log4j2(150));
        assertEquals(Severity.ERROR, log4j2(200));
        assertEquals(Severity.WARNING, log4j2(300));
        assertEquals(Severity.INFO, log4j2(400));
        assertEquals(Severity.DEBUG, log4j2(500));
        assertEquals(Severity.DEBUG, log4j2(Integer.MAX_VALUE)); // ALL
    }
}
