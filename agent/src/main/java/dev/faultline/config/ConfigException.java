package dev.faultline.config;

/**
 * A configuration value that does not parse. {@link #getMessage()} is one line for people that
 * names the key, the value (credentials hidden) and the expected form.
 */
public final class ConfigException extends Exception {
    private final String key;
    private final boolean strict;

    public ConfigException(String key, String message, boolean strict) {
        super(message);
        this.key = key;
        this.strict = strict;
    }

    public String key() {
        return key;
    }

    /** Whether {@code strict=true} was set, so the JVM should stop rather than run without us. */
    public boolean strict() {
        return strict;
    }
}
