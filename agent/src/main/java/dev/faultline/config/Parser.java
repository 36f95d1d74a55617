package dev.faultline.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses one key at a time, turning a bad value into a one-line {@link ConfigException}. */
final class Parser {
    private final Sources sources;
    private final boolean strict;

    Parser(Sources sources, boolean strict) {
        this.sources = sources;
        this.strict = strict;
    }

    boolean bool(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.bool(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    int positiveInt(String key, int max) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.positiveInt(v, max);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    Duration duration(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.duration(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    long size(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.size(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    int level(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.level(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    Map<String, String> mapping(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.mapping(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    String name(String key) throws ConfigException {
        String v = sources.value(key).trim();
        if (v.isEmpty() || v.contains("/") || v.contains(".") || v.contains(" ") || v.contains("$")) {
            throw bad(key, v, "a MongoDB database name (no '/', '.', '$' or spaces)");
        }
        return v;
    }

    String mongoUri() throws ConfigException {
        String v = sources.value("mongo.uri").trim();
        if (!(v.startsWith("mongodb://") || v.startsWith("mongodb+srv://")) || v.length() <= "mongodb://".length()) {
            throw bad("mongo.uri", MongoUris.redact(v), "a connection string starting with mongodb:// or mongodb+srv://");
        }
        return v;
    }

    String webhook() throws ConfigException {
        String v = sources.value("notify.webhook").trim();
        if (!v.isEmpty() && !(v.startsWith("http://") || v.startsWith("https://"))) {
            throw bad("notify.webhook", v, "an http:// or https:// URL");
        }
        return v;
    }

    /**
     * Patterns are separated by commas like every list, so a pattern that needs a comma writes
     * it as {@code \x2C}. Each must compile.
     */
    List<String> patterns(String key) throws ConfigException {
        String v = sources.value(key);
        List<String> patterns = Values.list(v);
        for (String p : patterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw bad(key, p, "comma-separated Java regular expressions (" + e.getDescription() + ")");
            }
        }
        return patterns;
    }

    private ConfigException bad(String key, String value, String expected) {
        return new ConfigException(key, "faultline: invalid value \"" + oneLine(value) + "\" for " + key
                + " (" + sources.describe(key) + "): expected " + expected + "; Faultline is off", strict);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
