package dev.faultline.capture;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the MDC snapshot and SLF4J 2 key-value pairs into {@code context}: string values, keys
 * made safe for MongoDB field names, entry count, key and value length and the total size capped.
 * The keys that fill {@code error_code}, {@code job_id} and {@code user_id} are read first, so a
 * huge context cannot push them out.
 */
final class ContextReader {
    static final int MAX_ENTRIES = 256;
    static final int MAX_KEY_LENGTH = 256;
    /** Characters of keys and values together; the rest of the entries is counted, not kept. */
    static final int MAX_TOTAL_CHARS = 64 * 1024;

    /** The context as stored, and how many entries did not fit. */
    static final class Capped extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        int omitted;
        int chars;
    }

    private final int maxValueLength;
    private final List<String> priorityKeys;

    ContextReader(int maxValueLength, List<String> priorityKeys) {
        this.maxValueLength = maxValueLength;
        this.priorityKeys = new ArrayList<String>(priorityKeys);
    }

    /** Null when there is nothing. */
    Map<String, Object> read(Map<String, ?> mdc, List<?> keyValues) {
        Capped out = new Capped();
        if (mdc != null) {
            for (String key : priorityKeys) {
                Object v = mdc.get(key);
                if (v != null) {
                    put(out, key, v);
                }
            }
            // Keys are Objects: a JUL parameter map is the application's own, of any key type.
            for (Map.Entry<?, ?> e : mdc.entrySet()) {
                if (!priorityKeys.contains(e.getKey())) {
                    put(out, e.getKey() == null ? null : Safe.toString(e.getKey()), e.getValue());
                }
            }
        }
        if (keyValues != null) {
            for (Object pair : keyValues) {
                Field[] fields = KeyValuePairs.fields(pair);
                if (fields != null) {
                    try {
                        put(out, Safe.toString(fields[0].get(pair)), fields[1].get(pair));
                    } catch (IllegalAccessException e) {
                        // not a KeyValuePair after all
                    }
                }
            }
        }
        return out.isEmpty() && out.omitted == 0 ? null : out;
    }

    /** Entries of the application's context left out by the caps. */
    static int omitted(Map<String, Object> context) {
        return context instanceof Capped ? ((Capped) context).omitted : 0;
    }

    private void put(Capped out, String key, Object value) {
        if (key == null) {
            return;
        }
        String name = fieldName(key);
        String text = value == null ? null : Safe.cap(Safe.toString(value), maxValueLength);
        int size = name.length() + (text == null ? 0 : text.length());
        if (out.size() >= MAX_ENTRIES || out.chars + size > MAX_TOTAL_CHARS) {
            out.omitted++;
            return;
        }
        out.chars += size;
        out.put(uniqueName(out, name), text);
    }

    /**
     * MongoDB field names may not start with '$' or hold NUL, and dots would read as paths: those
     * characters become '_'. Very long keys are cut.
     */
    static String fieldName(String key) {
        if (!key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.charAt(0) != '$' && key.indexOf('.') < 0
                && key.indexOf('\u0000') < 0) {
            return Safe.clean(key);
        }
        String k = key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
        k = Safe.clean(k.replace('.', '_').replace('\u0000', '_'));
        if (k.startsWith("$")) {
            k = "_" + k.substring(1);
        }
        return k.isEmpty() ? "_" : k;
    }

    /** {@code name}, or {@code name_2}, {@code name_3}.. when escaping made it collide with a name in {@code out}. */
    static String uniqueName(Map<String, ?> out, String name) {
        if (!out.containsKey(name)) {
            return name;
        }
        int n = 2;
        while (out.containsKey(name + "_" + n)) {
            n++;
        }
        return name + "_" + n;
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
