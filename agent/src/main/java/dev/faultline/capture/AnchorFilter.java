package dev.faultline.capture;

import java.util.List;

/**
 * A one-pass test that a text cannot hold a secret the built-in rules find, so that the writer
 * skips them for the text (most messages, breadcrumbs and context values hold none): a built-in
 * rule only tries its expression where one of its anchors occurs ({@link PatternRule}), so a text
 * without the first three characters of any anchor, ignoring ASCII case, has no match; and a card
 * number needs a run of at least 13 digits. A hit may be a false one (a hash bucket shared), never
 * a miss: the rules then run as before, so what they produce is unchanged.
 */
final class AnchorFilter {
    /** Anchors are looked for by their first this-many characters. */
    static final int PREFIX = 3;
    private static final int BITS = 1 << 14;
    private static final int CARD_DIGITS = 13;

    private final long[] trigrams = new long[BITS / 64];

    private AnchorFilter() {
    }

    /** The filter for rules with these anchors, or null when one is too short to filter by. */
    static AnchorFilter of(List<String> anchors) {
        AnchorFilter f = new AnchorFilter();
        for (String a : anchors) {
            if (a.length() < PREFIX) {
                return null;
            }
            int b = bucket(lower(a.charAt(0)), lower(a.charAt(1)), lower(a.charAt(2)));
            f.trigrams[b >>> 6] |= 1L << b;
        }
        return f;
    }

    /** False only when no built-in rule can match in {@code text}. */
    boolean mayMatch(String text) {
        int n = text.length();
        char c0 = 0;
        char c1 = 0;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= CARD_DIGITS) {
                    return true;
                }
            } else if (!((c == ' ' || c == '-') && digits > 0 && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                // A card's digits may be grouped by single spaces or dashes.
                digits = 0;
            }
            char l = lower(c);
            if (i >= 2) {
                int b = bucket(c0, c1, l);
                if ((trigrams[b >>> 6] & (1L << b)) != 0) {
                    return true;
                }
            }
            c0 = c1;
            c1 = l;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int bucket(char a, char b, char c) {
        return ((a * 961 + b * 31 + c) * 0x9E3779B1 >>> 18) & (BITS - 1);
    }
}
