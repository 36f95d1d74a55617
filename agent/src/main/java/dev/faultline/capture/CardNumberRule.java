package dev.faultline.capture;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes, starting
 * with 2 to 6 (the card networks; epoch timestamps start with 1), standing alone (not inside a
 * longer number or word), and passing the Luhn check. A plain scan, no regular expression: it
 * runs over every stack trace.
 */
final class CardNumberRule implements SecretRule {
    private static final int MIN = 13;
    private static final int MAX = 19;

    @Override
    public String apply(String text, String lower) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int[] ends = new int[MAX];
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < '2' || c > '6' || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int digits = 0;
            int j = i;
            while (j < n && digits < MAX) {
                char d = text.charAt(j);
                if (d >= '0' && d <= '9') {
                    ends[digits++] = ++j;
                } else if ((d == ' ' || d == '-') && j + 1 < n && isDigit(text.charAt(j + 1)) && j > i) {
                    j++;
                } else {
                    break;
                }
            }
            int end = -1;
            for (int k = digits; k >= MIN && end < 0; k--) {
                int e = ends[k - 1];
                if ((e == n || !isWordChar(text.charAt(e))) && luhn(text, i, e)) {
                    end = e;
                }
            }
            if (end < 0) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, i).append(Redactor.MASK);
            copied = end;
            i = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    static boolean luhn(String text, int from, int to) {
        int sum = 0;
        int position = 0;
        for (int i = to - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (position++ % 2 == 1) {
                d = d > 4 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
