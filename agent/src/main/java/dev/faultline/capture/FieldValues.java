package dev.faultline.capture;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Converts a field value of an application's exception into a stored value, without running
 * application code: primitives and their boxes, strings, enums ({@code name()} is final), JDK
 * dates, {@code java.time} values, UUIDs, big numbers and URIs (JDK classes whose
 * {@code toString} is the JDK's), and JDK collections, maps and arrays of those. Anything else,
 * and any subclass the application defined, is {@link #SKIP}ped, never {@code toString}-ed.
 */
final class FieldValues {
    static final Object SKIP = new Object();
    static final int MAX_STRING = 1024;
    static final int MAX_ELEMENTS = 32;
    private static final int MAX_DEPTH = 3;

    private FieldValues() {
    }

    /** Whether a field declared with this type can hold a value worth reading at all. */
    static boolean mayHold(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.isArray() || type.getName().startsWith("java.");
    }

    static Object convert(Object v, int depth) {
        if (v == null) {
            return null;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            return Safe.cap((String) v, MAX_STRING);
        }
        if (c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class) {
            return v;
        }
        if (c == Short.class || c == Byte.class) {
            return ((Number) v).intValue();
        }
        if (c == Float.class) {
            return ((Float) v).doubleValue();
        }
        if (c == Character.class) {
            return String.valueOf(((Character) v).charValue());
        }
        if (v instanceof Enum) {
            return ((Enum<?>) v).name();
        }
        if (c.isArray()) {
            return arrayValue(v, c, depth);
        }
        if (!c.getName().startsWith("java.")) {
            return SKIP;
        }
        return jdkValue(v, c, depth);
    }

    private static Object jdkValue(Object v, Class<?> c, int depth) {
        if (v instanceof Date) {
            return new Date(((Date) v).getTime());
        }
        if (c == Instant.class) {
            return new Date(((Instant) v).toEpochMilli());
        }
        if (c.getName().startsWith("java.time.") || c == UUID.class || c == BigDecimal.class || c == BigInteger.class
                || c == URI.class || c == StringBuilder.class) {
            return Safe.cap(v.toString(), MAX_STRING);
        }
        if (c == AtomicInteger.class || c == AtomicLong.class) {
            return ((Number) v).longValue();
        }
        if (c == AtomicBoolean.class) {
            return ((AtomicBoolean) v).get();
        }
        if (depth >= MAX_DEPTH) {
            return SKIP;
        }
        if (v instanceof Collection && iterableWithoutLocks(c)) {
            return collection((Collection<?>) v, depth);
        }
        if (v instanceof Map && iterableWithoutLocks(c)) {
            return map((Map<?, ?>) v, depth);
        }
        return SKIP;
    }

    /** A {@code char[]} as text; other arrays (not raw bytes) as lists. */
    private static Object arrayValue(Object v, Class<?> c, int depth) {
        if (c == char[].class) {
            char[] chars = (char[]) v;
            return Safe.cap(new String(chars, 0, Math.min(chars.length, MAX_STRING + 1)), MAX_STRING);
        }
        return depth >= MAX_DEPTH || c == byte[].class ? SKIP : array(v, depth);
    }

    /**
     * JDK collections only. Not the blocking queues and the old synchronised classes, whose
     * iterators take locks the application may hold.
     */
    private static boolean iterableWithoutLocks(Class<?> c) {
        String n = c.getName();
        if (!n.startsWith("java.util.")) {
            return false;
        }
        return !(n.contains("Blocking") || n.contains("Synchronous") || n.contains("Delay") || n.contains("Transfer")
                || n.equals("java.util.Vector") || n.equals("java.util.Stack") || n.equals("java.util.Hashtable")
                || n.equals("java.util.Properties"));
    }

    private static List<Object> array(Object array, int depth) {
        int length = Array.getLength(array);
        List<Object> out = new ArrayList<Object>(Math.min(length, MAX_ELEMENTS + 1));
        for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
            Object element = convert(Array.get(array, i), depth + 1);
            out.add(element == SKIP ? null : element);
        }
        return more(out, length);
    }

    private static List<Object> collection(Collection<?> values, int depth) {
        List<Object> out = new ArrayList<Object>();
        int seen = 0;
        for (Object element : values) {
            if (seen++ == MAX_ELEMENTS) {
                break;
            }
            Object converted = element == values ? SKIP : convert(element, depth + 1);
            out.add(converted == SKIP ? null : converted);
        }
        return more(out, values.size());
    }

    private static Document map(Map<?, ?> values, int depth) {
        Document out = new Document();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (out.size() == MAX_ELEMENTS) {
                out.put("_more", values.size() - MAX_ELEMENTS);
                break;
            }
            Object key = convert(e.getKey(), MAX_DEPTH);
            Object value = e.getValue() == values ? SKIP : convert(e.getValue(), depth + 1);
            if (key != null && key != SKIP && value != SKIP) {
                // As written: the scrubber redacts, then escapes, an application's keys (Redactor.key).
                out.put(key.toString(), value);
            }
        }
        return out;
    }

    /** A cut list ends with a note of how many elements were left out. */
    private static List<Object> more(List<Object> out, int total) {
        if (total > out.size()) {
            out.add("[+" + (total - out.size()) + " more]");
        }
        return out;
    }
}
