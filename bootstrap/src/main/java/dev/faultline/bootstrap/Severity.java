package dev.faultline.bootstrap;

/**
 * Severity numbers stored as {@code severity_num}, and the mapping from each logging framework's
 * own level numbers. Plain int arithmetic: this runs on the application thread for every log call
 * that reaches an instrumented method.
 */
public final class Severity {
    public static final int CRITICAL = 50;
    public static final int ERROR = 40;
    public static final int WARNING = 30;
    public static final int INFO = 20;
    public static final int DEBUG = 10;

    private Severity() {
    }

    /** Logback {@code Level.toInt()}: ERROR 40000, WARN 30000, INFO 20000, DEBUG 10000, TRACE 5000. */
    public static int fromLogback(int levelInt) {
        if (levelInt >= 40000) {
            return ERROR;
        }
        if (levelInt >= 30000) {
            return WARNING;
        }
        return levelInt >= 20000 ? INFO : DEBUG;
    }

    /** JUL {@code Level.intValue()}: SEVERE 1000, WARNING 900, INFO 800, CONFIG 700 and below. */
    public static int fromJul(int levelValue) {
        if (levelValue >= 1000) {
            return ERROR;
        }
        if (levelValue >= 900) {
            return WARNING;
        }
        return levelValue >= 800 ? INFO : DEBUG;
    }

    /** Log4j2 {@code Level.intLevel()}: FATAL 100, ERROR 200, WARN 300, INFO 400, DEBUG 500 (lower is worse). */
    public static int fromLog4j2(int intLevel) {
        if (intLevel <= 100) {
            return CRITICAL;
        }
        if (intLevel <= 200) {
            return ERROR;
        }
        if (intLevel <= 300) {
            return WARNING;
        }
        return intLevel <= 400 ? INFO : DEBUG;
    }

    /** Log4j 1.2 {@code Level.toInt()}: FATAL 50000, ERROR 40000, WARN 30000, INFO 20000, DEBUG 10000. */
    public static int fromLog4j1(int levelInt) {
        return levelInt >= 50000 ? CRITICAL : fromLogback(levelInt);
    }

    /** The stored name of a severity number ({@code severity}). */
    public static String name(int severity) {
        if (severity >= CRITICAL) {
            return "CRITICAL";
        }
        if (severity >= ERROR) {
            return "ERROR";
        }
        if (severity >= WARNING) {
            return "WARNING";
        }
        return severity >= INFO ? "INFO" : "DEBUG";
    }
}
