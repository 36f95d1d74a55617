package dev.faultline.query;

import dev.faultline.config.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time filter values: ISO-8601 ({@code 2024-05-01}, {@code 2024-05-01T12:00:00Z},
 * {@code 2024-05-01T14:00:00+02:00}; no zone means UTC) or a duration meaning "that long ago"
 * ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}).
 */
final class Times {
    static final String FORM = "an ISO-8601 date or time (2024-05-01, 2024-05-01T12:00:00Z) or a duration ago (15m, 2h, 7d)";
    /** In a URL query a '+' decodes to a space: "...T12:00:00 02:00" meant "+02:00". */
    private static final Pattern LOST_PLUS = Pattern.compile("(T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$");

    private Times() {
    }

    static Date parse(String name, String value, Instant now) {
        String v = value.trim();
        // Dates contain '-' or end in a digit; durations end in a unit (s, m, h, d).
        boolean looksLikeDate = v.contains("-") || (!v.isEmpty() && Character.isDigit(v.charAt(v.length() - 1)));
        if (looksLikeDate) {
            Instant at = iso(v);
            if (at != null) {
                return Date.from(at);
            }
            throw new InvalidParameter(name, FORM);
        }
        try {
            return Date.from(now.minus(Values.duration(v)));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidParameter(name, FORM);
        }
    }

    private static Instant iso(String v) {
        String s = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
        Matcher lost = LOST_PLUS.matcher(s);
        if (lost.find()) {
            s = s.substring(0, lost.start()) + lost.group(1) + "+" + lost.group(2);
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.endsWith("z")) {
                return Instant.parse(s.substring(0, s.length() - 1) + "Z");
            }
            if (s.matches(".*T.*[+-][0-9]{2}:?[0-9]{2}$")) {
                return OffsetDateTime.parse(s.matches(".*[+-][0-9]{4}$")
                        ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
