package dev.faultline.capture;

import dev.faultline.bootstrap.Bridge;

/**
 * Calls into application objects that may misbehave: a {@code toString} that throws is reported
 * in place of its text (and counted in {@code agent_health.unreadable_parts}), never rethrown.
 * And text made storable.
 */
final class Safe {
    static final char REPLACEMENT = '\uFFFD';
    /**
     * Set on a thread while it builds a record it will build again (the writer's provisional
     * record): the part is counted once, when the record that is kept is built.
     */
    private static final ThreadLocal<Boolean> UNCOUNTED = new ThreadLocal<>();

    private Safe() {
    }

    static String toString(Object o) {
        if (o == null) {
            return "null";
        }
        try {
            String s = o.toString();
            return s == null ? "null" : s;
        } catch (Throwable t) {
            if (UNCOUNTED.get() == null) {
                Bridge.partUnreadable();
            }
            return "[toString() threw " + t.getClass().getName() + "]";
        }
    }

    /** Runs {@code build} without counting unreadable parts on this thread (see {@link #UNCOUNTED}). */
    static <T> T uncounted(java.util.function.Supplier<T> build) {
        UNCOUNTED.set(Boolean.TRUE);
        try {
            return build.get();
        } finally {
            UNCOUNTED.remove();
        }
    }

    /**
     * Runs {@code part} counting its unreadable parts, also inside {@link #uncounted}: for a part
     * made once per event whichever record is built first, so that it is counted once.
     */
    static <T> T counted(java.util.function.Supplier<T> part) {
        Boolean outer = UNCOUNTED.get();
        UNCOUNTED.remove();
        try {
            return part.get();
        } finally {
            if (outer != null) {
                UNCOUNTED.set(outer);
            }
        }
    }

    /** Cuts {@code s} to {@code max} characters and says how much was cut. */
    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = cutPoint(s, max);
        return s.substring(0, end) + "... [truncated " + (s.length() - end) + " chars]";
    }

    /**
     * {@link #cap} for text of which {@code alreadyCut} characters were cut before (by the
     * intake, before the event waited in the queue): the marker counts them too.
     */
    static String cap(String s, int max, int alreadyCut) {
        if (alreadyCut <= 0 || s == null) {
            return cap(s, max);
        }
        int end = s.length() <= max ? s.length() : cutPoint(s, max);
        return s.substring(0, end) + "... [truncated " + ((long) s.length() - end + alreadyCut) + " chars]";
    }

    /** {@code max}, or one less so as not to split a surrogate pair. */
    static int cutPoint(String s, int max) {
        return max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }

    /**
     * {@code s} with NUL and unpaired surrogates replaced by U+FFFD: they are not valid UTF-8,
     * and a driver or tool reading the record back would fail or garble it. Other control
     * characters are kept (they are valid, and showing them is the console's job). Returns the
     * same instance when there is nothing to replace.
     */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            b.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            i++;
        }
        return b.toString();
    }
}
