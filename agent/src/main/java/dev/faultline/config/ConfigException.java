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
    private final List<String> lines;
    private final List<String> warnings;
    private final boolean strict;

    /** {@code keys.get(i)} is the key of {@code lines.get(i)}; {@code warnings} as {@link Config#warnings()}. */
    ConfigException(List<String> keys, List<String> lines, List<String> warnings, boolean strict) {
        super(String.join("\n", lines));
        this.keys = Collections.unmodifiableList(new ArrayList<String>(keys));
        this.lines = Collections.unmodifiableList(new ArrayList<String>(lines));
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

    /** One line per bad value, each ending in what happens next (the agent off, or the JVM stopping). */
    public List<String> lines() {
        return lines;
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
