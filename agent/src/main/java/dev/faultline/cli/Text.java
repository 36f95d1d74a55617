package dev.faultline.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * Values from the database made safe and short for a terminal. Error messages are the
 * application's (and so possibly an attacker's) text: control characters, including the ESC of
 * terminal escape sequences, are shown as {@code ?} instead of being sent to the terminal.
 */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** One line: control characters (newlines included) become spaces or '?', then cut to {@code max}. */
    static String cell(Object value, int max) {
        String s = value == null ? "" : value instanceof Date ? time((Date) value) : String.valueOf(value);
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 3));
        for (int i = 0; i < s.length() && b.length() <= max; i++) {
            char c = s.charAt(i);
            b.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : printable(c) ? c : '?');
        }
        if (b.length() > max) {
            b.setLength(Math.max(0, max - 3));
            b.append("...");
        }
        return b.toString();
    }

    /** Many lines kept as lines (traces, messages); other control characters become '?'. */
    static String block(Object value) {
        String s = value == null ? "" : String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == '\n' || c == '\t' ? c : c == '\r' ? "" : printable(c) ? String.valueOf(c) : "?");
        }
        return b.toString();
    }

    static String time(Date d) {
        return d == null ? "" : TIME.format(d.toInstant());
    }

    private static boolean printable(char c) {
        return c >= ' ' && !(c >= 0x7f && c <= 0x9f) && c != 0x2028 && c != 0x2029 && !(c >= 0x202a && c <= 0x202e)
                && !(c >= 0x2066 && c <= 0x2069);
    }
}
