package dev.faultline.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one level mapping, with each framework's thresholds as its advice passes them. */
class SeverityTest {
    private static final int MAX = Integer.MAX_VALUE;
    private static final int MIN = Integer.MIN_VALUE;

    @ParameterizedTest(name = "{0} level {1} is {2}")
    @CsvSource({
        // Logback Level.toInt(): no level above ERROR, so OFF stays an ERROR
        "logback, " + MAX + ", ERROR", "logback, 40000, ERROR", "logback, 30000, WARNING",
        "logback, 20000, INFO", "logback, 10000, DEBUG", "logback, 5000, DEBUG", "logback, " + MIN + ", DEBUG",
        // Log4j 1 Level.toInt(): FATAL is CRITICAL
        "log4j1, " + MAX + ", CRITICAL", "log4j1, 50000, CRITICAL", "log4j1, 49999, ERROR", "log4j1, 40000, ERROR",
        "log4j1, 30000, WARNING", "log4j1, 20000, INFO", "log4j1, 10000, DEBUG",
        // JUL Level.intValue(): SEVERE is an ERROR, CONFIG and below DEBUG
        "jul, " + MAX + ", ERROR", "jul, 1000, ERROR", "jul, 900, WARNING", "jul, 800, INFO", "jul, 700, DEBUG",
        "jul, " + MIN + ", DEBUG",
        // Log4j2 Level.intLevel(): lower is worse; OFF 0, FATAL 100, a custom 150, ALL at the end
        "log4j2, 0, CRITICAL", "log4j2, 100, CRITICAL", "log4j2, 150, ERROR", "log4j2, 200, ERROR",
        "log4j2, 300, WARNING", "log4j2, 400, INFO", "log4j2, 500, DEBUG", "log4j2, " + MAX + ", DEBUG",
    })
    void mapsEachFrameworksLevelsWithItsOwnThresholds(String framework, int level, String expected) {
        assertEquals(expected, Severity.name(severity(framework, level)));
    }

    /** As each advice calls it. */
    private static int severity(String framework, int level) {
        switch (framework) {
            case "logback":
                return Severity.of(level, Severity.NONE, 40000, 30000, 20000);
            case "log4j1":
                return Severity.of(level, 50000, 40000, 30000, 20000);
            case "jul":
                return Severity.of(level, Severity.NONE, 1000, 900, 800);
            case "log4j2":
                return Severity.of(-level, -100, -200, -300, -400);
            default:
                throw new IllegalArgumentException("framework: " + framework);
        }
    }
}
