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

    /** How far a cut looks back for the start of the word it would split, in characters. */
    static final int WORD_LOOKBACK = 128;

    /**
     * Where to cut {@code s} to at most {@code max} characters: not inside a word, nor inside a
     * run of digit groups. Texts are redacted after they are cut, and a secret cut in half is no
     * longer recognised by any rule (a trial stored {@code mongodb://user:pwsecretpa...} cut
     * before its {@code @}, and 15 of a card's 16 digits, the last being its check digit): the
     * cut word goes with the rest. Looks back at most {@link #WORD_LOOKBACK} characters, and cuts
     * at {@code max} when no boundary is that near; never splits a surrogate pair.
     */
    static int cutPoint(String s, int max) {
        int end = notInPair(s, max);
        if (end <= 0 || end >= s.length()) {
            return end;
        }
        int limit = Math.max(0, end - WORD_LOOKBACK);
        int start = end;
        if (inWord(s.charAt(end)) && inWord(s.charAt(end - 1))) {
            while (start > limit && inWord(s.charAt(start - 1))) {
                start--;
            }
            if (start == limit && (start == 0 || inWord(s.charAt(start - 1)))) {
                // No boundary that near (one long word): cut where asked.
                return end;
            }
        }
        if (digitGroupsGoOn(s, end)) {
            // 4111 1111 11|11 1111: the groups kept before the cut go too.
            while (start > limit && (isDigit(s.charAt(start - 1)) || inDigitGroups(s, start - 1))) {
                start--;
            }
        }
        while (start > 0 && start < end && Character.isWhitespace(s.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** {@code max}, or one less so as not to split a surrogate pair: for text redacted before it is cut. */
    static int notInPair(String s, int max) {
        return max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }

    private static boolean inWord(char c) {
        return !Character.isWhitespace(c) && ",;\"'<>()[]{}|".indexOf(c) < 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A space or dash between two digits: a separator inside a card number's groups. */
    private static boolean inDigitGroups(String s, int i) {
        char c = s.charAt(i);
        return (c == ' ' || c == '-') && i > 0 && i + 1 < s.length() && isDigit(s.charAt(i - 1)) && isDigit(s.charAt(i + 1));
    }

    /** Whether a run of digits (with single spaces or dashes between groups) crosses the cut at {@code end}. */
    private static boolean digitGroupsGoOn(String s, int end) {
        boolean before = isDigit(s.charAt(end - 1)) || inDigitGroups(s, end - 1);
        boolean after = isDigit(s.charAt(end)) || inDigitGroups(s, end);
        return before && after;
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
