package dev.faultline.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One or more configuration values that do not parse. Every bad value is reported at once, so
 * that one restart shows every mistake (a user's trial fixed three, one restart each).
 * {@link #lines()} has one line for people per bad value that names the key, the value
 * (credentials hidden) and the expected form; {@link #getMessage()} is those lines joined by
 * {@code \n}.
 */
public final class ConfigException extends Exception {
    private final List<String> keys;
    private final List<String> problems;
    private final List<String> lines;
    private final List<String> warnings;
    private final boolean strict;

    /** {@code keys.get(i)} is the key of {@code problems.get(i)}; {@code warnings} as {@link Config#warnings()}. */
    ConfigException(List<String> keys, List<String> problems, List<String> warnings, boolean strict) {
        super(String.join("\n", agentLines(problems, strict)));
        this.keys = Collections.unmodifiableList(new ArrayList<String>(keys));
        this.problems = Collections.unmodifiableList(new ArrayList<String>(problems));
        this.lines = agentLines(problems, strict);
        this.warnings = Collections.unmodifiableList(new ArrayList<String>(warnings));
        this.strict = strict;
    }

    /** The first bad key. */
    public String key() {
        return keys.get(0);
    }

    /** Every bad key, in the order of {@link #lines()} (a key appears once). */
    public List<String> keys() {
        return keys;
    }

    private static List<String> agentLines(List<String> problems, boolean strict) {
        List<String> out = new ArrayList<String>(problems.size());
        for (String p : problems) {
            out.add("faultline: " + p + (strict ? "; strict=true: stopping the JVM" : "; Faultline is off"));
        }
        return Collections.unmodifiableList(out);
    }

    /** The agent's stderr lines: one per bad value, each ending in what happens next (the agent off, or the JVM stopping). */
    public List<String> lines() {
        return lines;
    }

    /**
     * One line per bad value without the agent's prefix and consequence ({@code invalid value "abc"
     * for queue.max-bytes (...): expected ...}), for a command that reports them its own way.
     */
    public List<String> problems() {
        return problems;
    }

    /** What {@link Config#warnings()} would have held (unknown keys, say): shown with the bad values, not one restart later. */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether {@code strict=true} was set, so the JVM should stop rather than run without us. */
    public boolean strict() {
        return strict;
    }
}
