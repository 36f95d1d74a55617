package dev.faultline.codes;

import dev.faultline.capture.ContextReader;
import java.util.List;
import java.util.Map;

/**
 * The error-code keys of one event ({@code error_code}, {@code error_code_clear},
 * {@code re_alert_time}, {@code notification}), read from the MDC / ThreadContext / JUL map and
 * from SLF4J 2 key-value pairs, by {@link ContextReader#value}'s precedence (the pairs win). Blank
 * values count as absent. Runs on the application thread: no allocation unless a key is present.
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
        return ContextReader.value(context, keyValues, key);
    }

    private static boolean isFalse(String s) {
        return s.equalsIgnoreCase("false") || s.equals("0") || s.equalsIgnoreCase("no") || s.equalsIgnoreCase("off");
    }
}
