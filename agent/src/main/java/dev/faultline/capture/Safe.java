package dev.faultline.capture;

/**
 * Calls into application objects that may misbehave: a {@code toString} that throws is reported
 * in place of its text, never rethrown.
 */
final class Safe {
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
            return "[toString() threw " + t.getClass().getName() + "]";
        }
    }

    /** Cuts {@code s} to {@code max} characters and says how much was cut. */
    static String cap(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "... [truncated " + (s.length() - end) + " chars]";
    }
}
