package dev.faultline.query;

import dev.faultline.config.Values;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to request parameters. Every value comes out as a plain Java value (String,
 * boolean, int, Date) that the callers place into a filter themselves: nothing a caller sends is
 * ever parsed as BSON or JSON, so no value can become a MongoDB operator. An empty value counts
 * as absent (as in the Django API this one follows); a name nobody asked for is rejected.
 */
final class Params {
    static final int MAX_VALUE_LENGTH = 1024;
    static final String BOOLEAN_FORM = "true, false, 1, 0, yes or no";

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    Params(Map<String, String> values) {
        this.values = values;
    }

    /** The trimmed value, or null when absent or empty. */
    String text(String name) {
        read.add(name);
        String v = values.get(name);
        if (v == null || v.trim().isEmpty()) {
            return null;
        }
        if (v.length() > MAX_VALUE_LENGTH) {
            throw new InvalidParameter(name, "at most " + MAX_VALUE_LENGTH + " characters");
        }
        if (v.indexOf('\0') >= 0) {
            throw new InvalidParameter(name, "text without NUL characters");
        }
        return v.trim();
    }

    Boolean bool(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
                return Boolean.TRUE;
            case "false":
            case "0":
            case "no":
                return Boolean.FALSE;
            default:
                throw new InvalidParameter(name, BOOLEAN_FORM);
        }
    }

    int number(String name, int min, int max, int absent) {
        String v = text(name);
        if (v == null) {
            return absent;
        }
        String form = "a whole number from " + min + " to " + max;
        if (v.length() > 10 || !v.matches("[0-9]+")) {
            throw new InvalidParameter(name, form);
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new InvalidParameter(name, form);
        }
        return (int) n;
    }

    /** A severity name (CRITICAL, ERROR, WARNING or WARN, INFO, DEBUG) or number 0 to 100. */
    Integer severity(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (v.matches("[0-9]{1,3}")) {
            int n = Integer.parseInt(v);
            if (n <= 100) {
                return n;
            }
        } else if (v.equalsIgnoreCase("DEBUG")) {
            return 10;
        } else {
            try {
                return Values.level(v);
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        throw new InvalidParameter(name, "CRITICAL, ERROR, WARNING, INFO, DEBUG or a number from 0 to 100");
    }

    java.util.Date time(String name, java.time.Instant now) {
        String v = text(name);
        return v == null ? null : Times.parse(name, v, now);
    }

    /**
     * Every parameter named {@code prefix + key} with a value, as key to trimmed value, in name
     * order (e.g. {@code context.user=u1}).
     *
     * @throws InvalidParameter for a name that is only the prefix, or a value {@link #text} refuses
     */
    Map<String, String> prefixed(String prefix) {
        Map<String, String> found = new java.util.TreeMap<>();
        for (String name : values.keySet()) {
            if (name.startsWith(prefix)) {
                String key = name.substring(prefix.length());
                if (key.trim().isEmpty()) {
                    throw new InvalidParameter(name, prefix + "<key>=<value>");
                }
                String v = text(name);
                if (v != null) {
                    found.put(key, v);
                }
            }
        }
        return found;
    }

    /** Rejects any parameter no getter asked for: a typo or an {@code app[$ne]} is an error, not silently ignored. */
    void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!read.contains(name)) {
                throw new InvalidParameter(name, "one of the documented parameters");
            }
        }
    }
}
