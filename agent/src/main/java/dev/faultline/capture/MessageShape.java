package dev.faultline.capture;

/**
 * A message template's shape: each word that holds an ASCII digit (a run of letters, digits,
 * {@code '-'} and {@code '_'}: a number, a UUID, a hex id, {@code ORD-1234}, {@code user42})
 * counts as one {@code '#'}. A message built by concatenation ({@code "order " + id + " failed"})
 * is a new template at every call; its shape is the same at every call, so it is one group
 * ({@link Fingerprints#ofMessage}) and one storm key ({@code intake.StormShed}): both read this
 * one rule. Like Sentry's message parameterisation, coarser: a word with a digit anywhere in it
 * varies ({@code step1} and {@code step2} of one call site are one group). Nothing allocated but by
 * {@link #of}.
 */
public final class MessageShape {
    private MessageShape() {
    }

    /** {@code template} with each word holding a digit replaced by {@code '#'}; {@code template} itself when it has none. */
    public static String of(String template) {
        if (template == null || !hasDigit(template, 0, template.length())) {
            return template;
        }
        StringBuilder b = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (!wordChar(c)) {
                b.append(c);
                i++;
                continue;
            }
            int end = wordEnd(template, i);
            if (hasDigit(template, i, end)) {
                b.append('#');
            } else {
                b.append(template, i, end);
            }
            i = end;
        }
        return b.toString();
    }

    /** {@code of(template).hashCode()}, without making it: equal to the template's own hash when it holds no digit. */
    public static int hash(String template) {
        int h = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (!wordChar(c)) {
                h = 31 * h + c;
                i++;
                continue;
            }
            int end = wordEnd(template, i);
            if (hasDigit(template, i, end)) {
                h = 31 * h + '#';
            } else {
                for (int k = i; k < end; k++) {
                    h = 31 * h + template.charAt(k);
                }
            }
            i = end;
        }
        return h;
    }

    /** {@code of(a).equals(of(b))}, without making either. */
    public static boolean same(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            boolean xw = wordChar(x);
            if (xw != wordChar(y)) {
                return false;
            }
            if (!xw) {
                if (x != y) {
                    return false;
                }
                i++;
                j++;
                continue;
            }
            int xe = wordEnd(a, i);
            int ye = wordEnd(b, j);
            boolean xd = hasDigit(a, i, xe);
            if (xd != hasDigit(b, j, ye) || !xd && (xe - i != ye - j || !a.regionMatches(i, b, j, xe - i))) {
                return false;
            }
            i = xe;
            j = ye;
        }
        return i == a.length() && j == b.length();
    }

    private static boolean wordChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_';
    }

    private static int wordEnd(String s, int i) {
        while (i < s.length() && wordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean hasDigit(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) >= '0' && s.charAt(k) <= '9') {
                return true;
            }
        }
        return false;
    }
}
