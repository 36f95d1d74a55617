package dev.faultline.codes;

import dev.faultline.capture.KeyValuePairs;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * The error-code keys of one event ({@code error_code}, {@code error_code_clear},
 * {@code re_alert_time}, {@code notification}), read from the MDC / ThreadContext / JUL map and
 * from SLF4J 2 key-value pairs (the pairs win: they were written for this one call). Blank values
 * count as absent. Runs on the application thread: no allocation unless a key is present.
 */
public final class CodeFields {
    static final String CODE = "error_code";
    static final String CLEAR = "error_code_clear";
    static final String RE_ALERT = "re_alert_time";
    static final String NOTIFICATION = "notification";

    final String code;
    final String clear;
    final String reAlert;
    final boolean notify;

    CodeFields(String code, String clear, String reAlert, boolean notify) {
        this.code = code;
        this.clear = clear;
        this.reAlert = reAlert;
        this.notify = notify;
    }

    /** The event's code fields, or null when it carries neither a code nor a clear. */
    public static CodeFields read(Map<String, ?> context, List<?> keyValues) {
        String code = value(context, keyValues, CODE);
        String clear = value(context, keyValues, CLEAR);
        if (code == null && clear == null) {
            return null;
        }
        String notification = value(context, keyValues, NOTIFICATION);
        return new CodeFields(code, clear, value(context, keyValues, RE_ALERT),
                notification == null || !isFalse(notification));
    }

    static String value(Map<String, ?> context, List<?> keyValues, String key) {
        String v = null;
        if (keyValues != null && !keyValues.isEmpty()) {
            v = fromPairs(keyValues, key);
        }
        if (v == null && context != null && !context.isEmpty()) {
            v = text(context.get(key));
        }
        return v;
    }

    private static String fromPairs(List<?> pairs, String key) {
        for (Object pair : pairs) {
            Field[] fields = KeyValuePairs.fields(pair);
            if (fields != null) {
                try {
                    if (key.equals(fields[0].get(pair))) {
                        return text(fields[1].get(pair));
                    }
                } catch (IllegalAccessException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Blank is absent; a value whose toString throws is absent too (never thrown back). */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            String s = value.toString().trim();
            return s.isEmpty() ? null : s;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isFalse(String s) {
        return s.equalsIgnoreCase("false") || s.equals("0") || s.equalsIgnoreCase("no") || s.equalsIgnoreCase("off");
    }
}
