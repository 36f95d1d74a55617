package dev.faultline.bootstrap;

/**
 * Severity numbers stored as {@code severity_num}, and the one mapping from a logging framework's
 * own level numbers, parameterised by that framework's thresholds. Plain int arithmetic: this
 * runs on the application thread for every log call that reaches an instrumented method.
 */
public final class Severity {
    public static final int CRITICAL = 50;
    public static final int ERROR = 40;
    public static final int WARNING = 30;
    public static final int INFO = 20;
    public static final int DEBUG = 10;
    /** Threshold argument of {@link #of}: the framework has no level of this severity. */
    public static final int NONE = Integer.MAX_VALUE;

    private Severity() {
    }

    /**
     * Maps a framework's own level number with the framework's thresholds, given by the advice
     * as constants (so that the JIT folds them): at most four int comparisons per log call, and no
     * method here per framework. For a scale where a lower number is worse (Log4j2's
     * {@code intLevel}), pass the level and the thresholds negated. A framework without a level
     * above its ERROR passes {@link #NONE} for {@code critical}.
     *
     * <pre>
     * Logback  Level.toInt():        of(level, NONE, 40000, 30000, 20000)
     * Log4j 1  Level.toInt():        of(level, 50000, 40000, 30000, 20000)
     * JUL      Level.intValue():     of(level, NONE, 1000, 900, 800)
     * Log4j2   Level.intLevel():     of(-level, -100, -200, -300, -400)
     * </pre>
     */
    public static int of(int level, int critical, int error, int warning, int info) {
        if (level >= error) {
            return level >= critical && critical != NONE ? CRITICAL : ERROR;
        }
        if (level >= warning) {
            return WARNING;
        }
        return level >= info ? INFO : DEBUG;
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
