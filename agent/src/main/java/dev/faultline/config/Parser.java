package dev.faultline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses one key at a time. A bad value is noted as one line, and the method returns a stand-in
 * (never used) so that parsing goes on and reports the other bad values too;
 * {@link #failIfBad} then throws them all in one {@link ConfigException}.
 */
final class Parser {
    /** Returned for a bad duration: not zero, so that {@link #positiveDuration} does not report the key twice. */
    private static final Duration STAND_IN_DURATION = Duration.ofSeconds(1);
    private final Sources sources;
    private final boolean strict;
    private final List<String> badKeys = new ArrayList<String>();
    private final List<String> badLines = new ArrayList<String>();

    Parser(Sources sources, boolean strict) {
        this.sources = sources;
        this.strict = strict;
    }

    boolean bool(String key) {
        String v = sources.value(key);
        try {
            return Values.bool(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            return false;
        }
    }

    int positiveInt(String key, int max) {
        return intBetween(key, 1, max);
    }

    int intBetween(String key, int min, int max) {
        String v = sources.value(key);
        try {
            return Values.intBetween(v, min, max);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            return min;
        }
    }

    Duration duration(String key) {
        String v = sources.value(key);
        try {
            return Values.duration(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            return STAND_IN_DURATION;
        }
    }

    /** A duration that must be more than zero (a zero flush interval would spin the writer). */
    Duration positiveDuration(String key) {
        String v = sources.value(key);
        try {
            Duration d = Values.duration(v);
            if (!d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // Said below in this key's own words: the general form allows 0 (a trial read "from 0" for flush.interval=0).
        }
        bad(key, v, "a duration greater than zero such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M, at most 36500d");
        return STAND_IN_DURATION;
    }

    long size(String key) {
        String v = sources.value(key);
        try {
            return Values.size(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            // Not under Config.SMALLEST_USEFUL_BYTES: no "too small" warning about a stand-in.
            return Long.MAX_VALUE;
        }
    }

    int level(String key) {
        String v = sources.value(key);
        try {
            return Values.level(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            return 0;
        }
    }

    Map<String, String> mapping(String key) {
        String v = sources.value(key);
        try {
            return Values.mapping(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            return Collections.<String, String>emptyMap();
        }
    }

    /** A comma list of class names or package prefixes ({@link Values#classNames}). */
    List<String> classNames(String key) {
        String v = sources.value(key);
        try {
            return Values.classNames(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, e.getMessage());
            return Collections.<String>emptyList();
        }
    }

    /** MongoDB's rules for database names (at most 63 bytes, none of {@code /\\. "$}, no NUL). */
    String databaseName(String key) {
        String v = sources.value(key).trim();
        boolean ok = !v.isEmpty() && utf8Length(v) <= 63;
        for (int i = 0; ok && i < v.length(); i++) {
            ok = "/\\. \"$\u0000".indexOf(v.charAt(i)) < 0;
        }
        if (!ok) {
            bad(key, v, "a MongoDB database name of at most 63 bytes without '/', '\\', '.', '\"', '$' or spaces");
        }
        return v;
    }

    String mongoUri() {
        String v = sources.value("mongo.uri").trim();
        String expected = MongoUris.expected(v);
        if (expected != null) {
            bad("mongo.uri", MongoUris.redact(v), expected);
        }
        return v;
    }

    /** An absolute http(s) URL with a host. Shown without its path, which often is the secret. */
    String webhook(String key) {
        String v = sources.value(key).trim();
        if (v.isEmpty()) {
            return v;
        }
        String scheme = v.toLowerCase(Locale.ROOT);
        boolean ok = scheme.startsWith("http://") || scheme.startsWith("https://");
        try {
            ok = ok && new URI(v).getHost() != null;
        } catch (URISyntaxException e) {
            ok = false;
        }
        if (!ok) {
            bad(key, withoutPath(v), "an http:// or https:// URL with a host");
        }
        return v;
    }

    /**
     * The {@code notify.smtp.*} settings, or null when {@code notify.smtp.host} is empty; with a
     * host, {@code from} and {@code to} must be addresses ({@code a@b}).
     */
    Smtp smtp() {
        String host = sources.value("notify.smtp.host").trim();
        if (host.isEmpty()) {
            // Still checked: every key is (a trial's port 70000 passed silently without a host).
            positiveInt("notify.smtp.port", 65535);
            return null;
        }
        int badBefore = badLines.size();
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            bad("notify.smtp.host", host, "a host name or address");
        }
        int port = positiveInt("notify.smtp.port", 65535);
        String from = sources.value("notify.smtp.from").trim();
        if (!address(from)) {
            bad("notify.smtp.from", from, "one e-mail address, e.g. faultline@example.com");
        }
        java.util.List<String> to = new java.util.ArrayList<String>();
        for (String a : sources.value("notify.smtp.to").split(",")) {
            if (!a.trim().isEmpty()) {
                to.add(a.trim());
            }
        }
        for (String a : to) {
            if (!address(a)) {
                bad("notify.smtp.to", a, "a comma list of e-mail addresses");
                break; // one line a key
            }
        }
        if (to.isEmpty()) {
            bad("notify.smtp.to", "", "a comma list of e-mail addresses (notify.smtp.host is set)");
        }
        boolean starttls = bool("notify.smtp.starttls");
        return badLines.size() > badBefore ? null : new Smtp(host, port, from, to, sources.value("notify.smtp.username").trim(),
                sources.value("notify.smtp.password"), starttls);
    }

    /** Enough of an address for SMTP's MAIL/RCPT: no spaces, angle brackets or line breaks, one {@code @}. */
    private static boolean address(String a) {
        return a.matches("[^\\s<>@,]+@[^\\s<>@,]+");
    }

    /** A file-system path this platform can represent. */
    String path(String key) {
        String v = sources.value(key).trim();
        try {
            Paths.get(v);
        } catch (InvalidPathException e) {
            bad(key, v, "a file-system path (" + e.getReason() + ")");
            return "";
        }
        return v;
    }

    /**
     * Patterns are separated by commas like every list, so a pattern that needs a comma writes
     * it as {@code \x2C}. Each must compile.
     */
    List<String> patterns(String key) {
        String v = sources.value(key);
        List<String> patterns = Values.list(v);
        for (String p : patterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                bad(key, p, "comma-separated Java regular expressions (" + e.getDescription() + ")");
                break; // one line a key
            }
        }
        return patterns;
    }

    String groupingRules(String key) {
        String v = sources.value(key);
        try {
            dev.faultline.capture.GroupingRules.parse(v);
        } catch (IllegalArgumentException e) {
            bad(key, v, "rules \"id: field=value & field=value -> selector + selector\" separated by ; (" + e.getMessage() + ")");
        }
        return v;
    }

    /**
     * Notes one bad value: a line naming the key, the value as it may be printed (the caller hides
     * a secret in it), where it came from, and {@code expected}, the form that would parse.
     */
    void bad(String key, String value, String expected) {
        badKeys.add(key);
        badLines.add("invalid value \"" + oneLine(value) + "\" for " + key + " (" + sources.describe(key) + "): expected " + expected);
    }

    /**
     * @param warnings the warning lines so far (unknown keys, say), carried along so that they are
     *        shown with the bad values rather than after the next restart
     * @throws ConfigException with every bad value noted so far, if there is one
     */
    void failIfBad(List<String> warnings) throws ConfigException {
        if (!badLines.isEmpty()) {
            throw new ConfigException(badKeys, badLines, warnings, strict);
        }
    }

    /** Control characters (a pasted newline, a NUL) would break the one line or the terminal. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }

    /**
     * {@code https://hooks.example.com/services/T0/B0/secret} -> {@code https://hooks.example.com/<hidden>}:
     * chat webhooks carry their token in the path or the query, user info is a password.
     */
    static String withoutPath(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        String host = at < 0 ? authority : "<hidden>@" + authority.substring(at + 1);
        return url.substring(0, start) + host + (end < url.length() ? "/<hidden>" : "");
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
