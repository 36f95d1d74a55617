package dev.faultline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses one key at a time, turning a bad value into a one-line {@link ConfigException}. */
final class Parser {
    private final Sources sources;
    private final boolean strict;

    Parser(Sources sources, boolean strict) {
        this.sources = sources;
        this.strict = strict;
    }

    boolean bool(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.bool(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    int positiveInt(String key, int max) throws ConfigException {
        return intBetween(key, 1, max);
    }

    int intBetween(String key, int min, int max) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.intBetween(v, min, max);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    Duration duration(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.duration(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    /** A duration that must be more than zero (a zero flush interval would spin the writer). */
    Duration positiveDuration(String key) throws ConfigException {
        Duration d = duration(key);
        if (d.isZero()) {
            throw bad(key, sources.value(key), "a duration greater than zero such as 500ms, 30s, 15m, 1h, 7d or ISO-8601 PT15M");
        }
        return d;
    }

    long size(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.size(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    int level(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.level(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    Map<String, String> mapping(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            return Values.mapping(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, e.getMessage());
        }
    }

    /** MongoDB's rules for database names (at most 63 bytes, none of {@code /\\. "$}, no NUL). */
    String databaseName(String key) throws ConfigException {
        String v = sources.value(key).trim();
        boolean ok = !v.isEmpty() && utf8Length(v) <= 63;
        for (int i = 0; ok && i < v.length(); i++) {
            ok = "/\\. \"$\u0000".indexOf(v.charAt(i)) < 0;
        }
        if (!ok) {
            throw bad(key, v, "a MongoDB database name of at most 63 bytes without '/', '\\', '.', '\"', '$' or spaces");
        }
        return v;
    }

    String mongoUri() throws ConfigException {
        String v = sources.value("mongo.uri").trim();
        String problem = MongoUris.problem(v);
        if (problem != null) {
            throw bad("mongo.uri", MongoUris.redact(v), MongoUris.FORM + " (" + problem + ")");
        }
        return v;
    }

    /** An absolute http(s) URL with a host. Shown without its path, which often is the secret. */
    String webhook(String key) throws ConfigException {
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
            throw bad(key, withoutPath(v), "an http:// or https:// URL with a host");
        }
        return v;
    }

    /**
     * The {@code notify.smtp.*} settings, or null when {@code notify.smtp.host} is empty; with a
     * host, {@code from} and {@code to} must be addresses ({@code a@b}).
     */
    Smtp smtp() throws ConfigException {
        String host = sources.value("notify.smtp.host").trim();
        if (host.isEmpty()) {
            return null;
        }
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw bad("notify.smtp.host", host, "a host name or address");
        }
        int port = positiveInt("notify.smtp.port", 65535);
        String from = sources.value("notify.smtp.from").trim();
        if (!address(from)) {
            throw bad("notify.smtp.from", from, "one e-mail address, e.g. faultline@example.com");
        }
        java.util.List<String> to = new java.util.ArrayList<String>();
        for (String a : sources.value("notify.smtp.to").split(",")) {
            if (!a.trim().isEmpty()) {
                to.add(a.trim());
            }
        }
        for (String a : to) {
            if (!address(a)) {
                throw bad("notify.smtp.to", a, "a comma list of e-mail addresses");
            }
        }
        if (to.isEmpty()) {
            throw bad("notify.smtp.to", "", "a comma list of e-mail addresses (notify.smtp.host is set)");
        }
        return new Smtp(host, port, from, to, sources.value("notify.smtp.username").trim(),
                sources.value("notify.smtp.password"), bool("notify.smtp.starttls"));
    }

    /** Enough of an address for SMTP's MAIL/RCPT: no spaces, angle brackets or line breaks, one {@code @}. */
    private static boolean address(String a) {
        return a.matches("[^\\s<>@,]+@[^\\s<>@,]+");
    }

    /** A file-system path this platform can represent. */
    String path(String key) throws ConfigException {
        String v = sources.value(key).trim();
        try {
            Paths.get(v);
        } catch (InvalidPathException e) {
            throw bad(key, v, "a file-system path (" + e.getReason() + ")");
        }
        return v;
    }

    /**
     * Patterns are separated by commas like every list, so a pattern that needs a comma writes
     * it as {@code \x2C}. Each must compile.
     */
    List<String> patterns(String key) throws ConfigException {
        String v = sources.value(key);
        List<String> patterns = Values.list(v);
        for (String p : patterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw bad(key, p, "comma-separated Java regular expressions (" + e.getDescription() + ")");
            }
        }
        return patterns;
    }

    String groupingRules(String key) throws ConfigException {
        String v = sources.value(key);
        try {
            dev.faultline.capture.GroupingRules.parse(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, "rules \"id: field=value & field=value -> selector + selector\" separated by ; (" + e.getMessage() + ")");
        }
        return v;
    }

    ConfigException bad(String key, String value, String expected) {
        return new ConfigException(key, "faultline: invalid value \"" + oneLine(value) + "\" for " + key
                + " (" + sources.describe(key) + "): expected " + expected
                + (strict ? "; strict=true: stopping the JVM" : "; Faultline is off"), strict);
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
