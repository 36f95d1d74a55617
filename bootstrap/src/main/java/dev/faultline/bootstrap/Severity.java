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
