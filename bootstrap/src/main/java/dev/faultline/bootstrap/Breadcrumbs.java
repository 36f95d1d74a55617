package dev.faultline.bootstrap;

import java.util.UUID;

/**
 * One thread's last log events, for the breadcrumbs of its next occurrence: a ring of slots
 * allocated once, so remembering a log call stores a few references and numbers and allocates
 * nothing. Nothing is formatted here; the writer formats the few that an occurrence carries.
 *
 * <p>Memory is bounded per thread whatever the application logs: a slot keeps at most
 * {@link #MAX_ARGUMENTS} arguments, and only those that are small and the JDK's own (null, a
 * String of at most {@link #MAX_ARGUMENT_CHARS} characters, a boxed primitive, a UUID; an enum
 * as its name). Any other argument (a 64 KiB String, the application's own objects, arrays) is
 * not kept, only its class name, so a breadcrumb never keeps the application's data or its
 * class loader alive. A template longer than {@link #MAX_TEMPLATE_CHARS} is kept cut (a copy,
 * allocated only for such a template).
 */
final class Breadcrumbs {
    static final int MAX_ARGUMENTS = 8;
    static final int MAX_ARGUMENT_CHARS = 256;
    static final int MAX_TEMPLATE_CHARS = 1024;

    private final long[] timestamps;
    private final int[] severities;
    private final String[] loggers;
    private final String[] templates;
    private final int[] templateCuts;
    private final byte[] formats;
    private final Object[][] arguments;
    private final int[] argumentCounts;
    /** Bit i: argument i was not kept, the slot holds its class name. */
    private final int[] typeOnly;
    private int next;
    private int count;

    Breadcrumbs(int size) {
        timestamps = new long[size];
        severities = new int[size];
        loggers = new String[size];
        templates = new String[size];
        templateCuts = new int[size];
        formats = new byte[size];
        arguments = new Object[size][MAX_ARGUMENTS];
        argumentCounts = new int[size];
        typeOnly = new int[size];
    }

    int capacity() {
        return timestamps.length;
    }

    void add(int severity, long timestamp, String logger, String template, Object[] args, int format) {
        int i = next;
        next = i + 1 == timestamps.length ? 0 : i + 1;
        if (count < timestamps.length) {
            count++;
        }
        timestamps[i] = timestamp;
        severities[i] = severity;
        loggers[i] = logger;
        formats[i] = (byte) format;
        if (template != null && template.length() > MAX_TEMPLATE_CHARS) {
            templateCuts[i] = template.length() - MAX_TEMPLATE_CHARS;
            template = template.substring(0, MAX_TEMPLATE_CHARS);
        } else {
            templateCuts[i] = 0;
        }
        templates[i] = template;
        Object[] kept = arguments[i];
        int n = args == null ? 0 : Math.min(args.length, MAX_ARGUMENTS);
        int types = 0;
        for (int a = 0; a < n; a++) {
            Object arg = args[a];
            Object small = small(arg);
            if (small == null && arg != null) {
                types |= 1 << a;
                small = arg.getClass().getName(); // cached by Class: no allocation after the first
            }
            kept[a] = small;
        }
        for (int a = n; a < argumentCounts[i]; a++) {
            kept[a] = null;
        }
        argumentCounts[i] = n;
        typeOnly[i] = types;
    }

    /** The argument itself when it is small and the JDK's, an enum's name, else null. */
    private static Object small(Object arg) {
        if (arg instanceof String) {
            return ((String) arg).length() <= MAX_ARGUMENT_CHARS ? arg : null;
        }
        if (arg instanceof Integer || arg instanceof Long || arg instanceof Boolean || arg instanceof Double
                || arg instanceof Float || arg instanceof Short || arg instanceof Byte || arg instanceof Character
                || arg instanceof UUID) {
            return arg;
        }
        if (arg instanceof Enum) {
            return ((Enum<?>) arg).name();
        }
        return null;
    }

    /** Forgets every remembered event (a request begins or ends on this thread). */
    void clear() {
        count = 0;
    }

    /** Copies the remembered events, oldest first, or null when there are none. */
    Breadcrumb[] snapshot() {
        if (count == 0) {
            return null;
        }
        Breadcrumb[] out = new Breadcrumb[count];
        int i = next - count;
        if (i < 0) {
            i += timestamps.length;
        }
        for (int k = 0; k < count; k++) {
            Object[] args = null;
            if (argumentCounts[i] > 0) {
                args = new Object[argumentCounts[i]];
                System.arraycopy(arguments[i], 0, args, 0, args.length);
            }
            out[k] = new Breadcrumb(timestamps[i], severities[i], loggers[i], templates[i], templateCuts[i], args,
                    typeOnly[i], formats[i]);
            i = i + 1 == timestamps.length ? 0 : i + 1;
        }
        return out;
    }
}
