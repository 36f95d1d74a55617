package dev.faultline.capture;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merges the MDC snapshot and SLF4J 2 key-value pairs into {@code context}: string values, keys
 * made safe for MongoDB field names, entry count and value length capped.
 */
final class ContextReader {
    static final int MAX_ENTRIES = 256;

    // KeyValuePair has public fields key and value; looked up once per class (agent thread only).
    private static final Map<Class<?>, Field[]> KEY_VALUE_FIELDS = new ConcurrentHashMap<Class<?>, Field[]>();

    private final int maxValueLength;

    ContextReader(int maxValueLength) {
        this.maxValueLength = maxValueLength;
    }

    /** Null when there is nothing. */
    Map<String, Object> read(Map<String, ?> mdc, List<?> keyValues) {
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        if (mdc != null) {
            // Keys are Objects: a JUL parameter map is the application's own, of any key type.
            for (Map.Entry<?, ?> e : mdc.entrySet()) {
                put(out, e.getKey() == null ? null : Safe.toString(e.getKey()), e.getValue());
            }
        }
        if (keyValues != null) {
            for (Object pair : keyValues) {
                Field[] fields = pair == null ? null : keyValueFields(pair.getClass());
                if (fields != null) {
                    try {
                        put(out, Safe.toString(fields[0].get(pair)), fields[1].get(pair));
                    } catch (IllegalAccessException e) {
                        // not a KeyValuePair after all
                    }
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    private void put(Map<String, Object> out, String key, Object value) {
        if (key == null || out.size() >= MAX_ENTRIES) {
            return;
        }
        out.put(fieldName(key), value == null ? null : Safe.cap(Safe.toString(value), maxValueLength));
    }

    /** MongoDB field names may not start with '$', and dots would read as paths. */
    static String fieldName(String key) {
        String k = key.replace('.', '_').replace("\u0000", "");
        if (k.startsWith("$")) {
            k = "_" + k.substring(1);
        }
        return k.isEmpty() ? "_" : k;
    }

    private static Field[] keyValueFields(Class<?> type) {
        Field[] fields = KEY_VALUE_FIELDS.get(type);
        if (fields == null) {
            try {
                fields = new Field[] {type.getField("key"), type.getField("value")};
            } catch (NoSuchFieldException | RuntimeException e) {
                fields = new Field[0];
            }
            KEY_VALUE_FIELDS.put(type, fields);
        }
        return fields.length == 2 ? fields : null;
    }

    /** The first non-blank value among {@code keys}. */
    static String first(Map<String, Object> context, List<String> keys) {
        if (context == null) {
            return null;
        }
        for (String key : keys) {
            Object v = context.get(fieldName(key));
            if (v != null && !v.toString().trim().isEmpty()) {
                return v.toString();
            }
        }
        return null;
    }
}
