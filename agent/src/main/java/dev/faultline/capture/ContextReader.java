package dev.faultline.capture;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of an event's context: the MDC / Log4j2 ThreadContext / JUL {@code Map}
 * parameter (one map per event, whichever the framework has) and SLF4J 2 key-value pairs. One
 * precedence rule everywhere: a key-value pair, written for this one call, wins over the same key
 * in the thread's map. The error-code decision on the application thread ({@link #value}), and
 * the stored {@code error_code}, {@code job_id}, {@code user_id}, {@code context} and fingerprint
 * on the writer ({@link #read}) all go through it, so they cannot disagree.
 *
 * <p>{@link #read} makes the stored {@code context}: string values, keys redacted and made safe
 * for MongoDB field names, entry count, key and value length and the total size capped. The keys that fill
 * {@code error_code}, {@code job_id} and {@code user_id} are read first, so a huge context cannot
 * push them out.
 */
public final class ContextReader {
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
    /** Keys are stored as it redacts them ({@link Redactor#key}), before escaping. */
    private final Redactor redactor;

    ContextReader(int maxValueLength, List<String> priorityKeys, Redactor redactor) {
        this.maxValueLength = maxValueLength;
        this.priorityKeys = new ArrayList<String>(priorityKeys);
        this.redactor = redactor;
    }

    /**
     * The value of {@code key} by the precedence rule, as text: the first key-value pair with
     * that key, else the map's entry. Blank is absent, and so is a value whose {@code toString}
     * throws (never thrown back). Safe on application threads: no allocation unless the key is
     * present.
     */
    public static String value(Map<String, ?> context, List<?> keyValues, String key) {
        if (keyValues != null && !keyValues.isEmpty()) {
            Object[] pair = pair(keyValues, key);
            if (pair != null) {
                return text(pair[0]);
            }
        }
        return context == null || context.isEmpty() ? null : text(context.get(key));
    }

    /** {@code {value}} of the first pair whose key is {@code key}, or null when none has it. */
    private static Object[] pair(List<?> pairs, String key) {
        for (Object pair : pairs) {
            Field[] fields = KeyValuePairs.fields(pair);
            if (fields != null) {
                try {
                    if (key.equals(fields[0].get(pair))) {
                        return new Object[] {fields[1].get(pair)};
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

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

    /** Null when there is nothing. */
    Map<String, Object> read(Map<String, ?> map, List<?> keyValues) {
        Capped out = new Capped();
        Map<String, Object> pairs = pairs(keyValues);
        for (String key : priorityKeys) {
            Object v = pairs.containsKey(key) ? pairs.get(key) : map == null ? null : map.get(key);
            if (v != null) {
                put(out, key, v);
            }
        }
        if (map != null) {
            // Keys are Objects: a JUL parameter map is the application's own, of any key type.
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object key = e.getKey();
                if (!priorityKeys.contains(key) && !pairs.containsKey(key)) {
                    put(out, key == null ? null : Safe.toString(key), e.getValue());
                }
            }
        }
        for (Map.Entry<String, Object> e : pairs.entrySet()) {
            if (!priorityKeys.contains(e.getKey())) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return out.isEmpty() && out.omitted == 0 ? null : out;
    }

    /** The key-value pairs in order, the first of each key. */
    private static Map<String, Object> pairs(List<?> keyValues) {
        if (keyValues == null || keyValues.isEmpty()) {
            return java.util.Collections.emptyMap();
        }
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        for (Object pair : keyValues) {
            Field[] fields = KeyValuePairs.fields(pair);
            if (fields != null) {
                try {
                    String key = Safe.toString(fields[0].get(pair));
                    if (key != null && !out.containsKey(key)) {
                        out.put(key, fields[1].get(pair));
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    // not a KeyValuePair after all
                }
            }
        }
        return out;
    }

    /** Entries of the application's context left out by the caps. */
    static int omitted(Map<String, Object> context) {
        return context instanceof Capped ? ((Capped) context).omitted : 0;
    }

    private void put(Capped out, String key, Object value) {
        if (key == null) {
            return;
        }
        String shown = redactor.key(key);
        String name = fieldName(shown);
        String text = value == null ? null : value instanceof CutText
                ? Safe.cap(value.toString(), maxValueLength, ((CutText) value).cut) : Safe.cap(Safe.toString(value), maxValueLength);
        if (text != null && !shown.equals(key) && redactor.isSecretKey(key)) {
            // Secret as written (the scrubber sees only the redacted key): "mongodb://u:secret@h" is.
            text = Redactor.MASK;
        }
        int size = name.length() + (text == null ? 0 : text.length());
        if (out.size() >= MAX_ENTRIES || out.chars + size > MAX_TOTAL_CHARS) {
            out.omitted++;
            return;
        }
        out.chars += size;
        if (name.equals(key) && out.containsKey(name)) {
            // The name is this key's own, taken by a key that escaping turned into it (order.id
            // before order_id): that one moves, so that a filter on the real key finds its value.
            String elsewhere = uniqueName(out, name);
            out.put(elsewhere, out.remove(name));
        }
        out.put(uniqueName(out, name), text);
    }

    /**
     * MongoDB field names may not start with '$' or hold NUL, and dots would read as paths: those
     * characters become '_'. Very long keys are cut.
     */
    public static String fieldName(String key) {
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
