package dev.faultline.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsers for the value forms. Each returns the value or throws IllegalArgumentException whose
 * message is the expected form, for the caller to put into a one-line ConfigException.
 */
public final class Values {
    static final Duration MAX_DURATION = Duration.ofDays(36_500);
    static final String DURATION_FORM = "a duration such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M, from 0 to 36500d (not negative)";
    static final String SIZE_FORM = "a size such as 512KB, 256MB, 1GB or a number of bytes";
    static final String BOOLEAN_FORM = "true or false";

    private Values() {
    }

    static boolean bool(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("yes") || s.equals("1") || s.equals("on")) {
            return true;
        }
        if (s.equals("false") || s.equals("no") || s.equals("0") || s.equals("off")) {
            return false;
        }
        throw new IllegalArgumentException(BOOLEAN_FORM);
    }

    static int positiveInt(String v, int max) {
        return intBetween(v, 1, max);
    }

    static int intBetween(String v, int min, int max) {
        String form = "a whole number from " + min + " to " + max;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(form);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(form);
        }
    }

    /**
     * {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}, or ISO-8601 ({@code PT15M}),
     * from zero up to {@link #MAX_DURATION}: longer would overflow the nanosecond arithmetic of
     * the writer's clock (about 292 years), and nobody means a window of a century.
     */
    public static Duration duration(String v) {
        Duration d = unboundedDuration(v.trim().toLowerCase(Locale.ROOT));
        if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(DURATION_FORM);
        }
        return d;
    }

    private static Duration unboundedDuration(String s) {
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(DURATION_FORM);
            }
        }
        int unitStart = 0;
        while (unitStart < s.length() && isAsciiDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 12) {
            throw new IllegalArgumentException(DURATION_FORM);
        }
        long n = Long.parseLong(s.substring(0, unitStart));
        switch (s.substring(unitStart)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                throw new IllegalArgumentException(DURATION_FORM);
        }
    }

    /** {@code 100B}, {@code 512KB}, {@code 256MB}, {@code 1GB} (powers of 1024), or plain bytes. */
    static long size(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < s.length() && isAsciiDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0 || unitStart > 15) {
            throw new IllegalArgumentException(SIZE_FORM);
        }
        long n = Long.parseLong(s.substring(0, unitStart));
        String unit = s.substring(unitStart).trim();
        long factor;
        if (unit.isEmpty() || unit.equals("B")) {
            factor = 1;
        } else if (unit.equals("KB") || unit.equals("K")) {
            factor = 1L << 10;
        } else if (unit.equals("MB") || unit.equals("M")) {
            factor = 1L << 20;
        } else if (unit.equals("GB") || unit.equals("G")) {
            factor = 1L << 30;
        } else {
            throw new IllegalArgumentException(SIZE_FORM);
        }
        if (n > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException(SIZE_FORM);
        }
        return n * factor;
    }

    /** ASCII only: Character.isDigit would also take other scripts' digits. */
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A comma list, entries trimmed, empty entries dropped. */
    static List<String> list(String v) {
        List<String> out = new ArrayList<String>();
        for (String part : v.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }

    static final String CLASS_NAMES_FORM = "a comma list of class names or package prefixes such as com.acme.Log, com.acme.logging"
            + " (Java names separated by dots, no * or /)";

    /**
     * A comma list of class names or package prefixes ({@code com.acme.Log}, {@code
     * com.acme.logging}, {@code com.acme.Outer$Inner}; a trailing dot allowed): each entry Java
     * identifiers separated by single dots.
     */
    static List<String> classNames(String v) {
        List<String> names = list(v);
        for (String name : names) {
            String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            if (bare.isEmpty()) {
                throw new IllegalArgumentException(CLASS_NAMES_FORM);
            }
            for (String part : bare.split("\\.", -1)) {
                if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                    throw new IllegalArgumentException(CLASS_NAMES_FORM);
                }
                for (int i = 1; i < part.length(); i++) {
                    if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                        throw new IllegalArgumentException(CLASS_NAMES_FORM);
                    }
                }
            }
        }
        return names;
    }

    /** {@code prefix=app,prefix=app}, in order. */
    static Map<String, String> mapping(String v) {
        Map<String, String> out = new LinkedHashMap<String, String>();
        for (String entry : list(v)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("a comma list of package-prefix=app-name pairs");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return Collections.unmodifiableMap(out);
    }

    /** ERROR, WARN or WARNING, INFO, CRITICAL (case-insensitive) as a Severity number. */
    public static int level(String v) {
        switch (v.trim().toUpperCase(Locale.ROOT)) {
            case "CRITICAL":
                return 50;
            case "ERROR":
                return 40;
            case "WARN":
            case "WARNING":
                return 30;
            case "INFO":
                return 20;
            default:
                throw new IllegalArgumentException("one of CRITICAL, ERROR, WARN, INFO");
        }
    }
}
