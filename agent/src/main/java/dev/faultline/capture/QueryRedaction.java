package dev.faultline.capture;

import java.util.Locale;

/**
 * Replaces the values of query parameters that commonly carry secrets ({@code password},
 * {@code token}, {@code api_key}, {@code session}...) by {@code [REDACTED]}. Key-based and
 * built in, so a request's query is never stored raw; the general redactor ({@code redact.keys},
 * {@code redact.patterns}) runs over the record afterwards as over any other field.
 */
final class QueryRedaction {
    static final String REDACTED = "[REDACTED]";
    private static final String[] SENSITIVE = {
        "password", "passwd", "secret", "token", "api_key", "apikey", "api-key", "authorization",
        "session", "credential", "signature", "private_key", "access_key",
    };
    /** Short names that only count as a whole key ("author" is not "auth"). */
    private static final String[] EXACT = {"key", "sid", "code", "auth", "pwd", "pass"};

    private QueryRedaction() {
    }

    /** A key as the server reads it: {@code pass%77ord} is {@code password} (a trial's was stored). */
    private static String decoded(String key) {
        if (key.indexOf('%') < 0 && key.indexOf('+') < 0) {
            return key;
        }
        try {
            return java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return key;
        }
    }

    static String redact(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            out.append(key);
            if (eq >= 0) {
                out.append('=').append(sensitive(key) ? REDACTED : pair.substring(eq + 1));
            }
        }
        return out.toString();
    }

    static boolean sensitive(String key) {
        String k = decoded(key).toLowerCase(Locale.ROOT);
        for (String s : EXACT) {
            if (k.equals(s)) {
                return true;
            }
        }
        for (String s : SENSITIVE) {
            if (k.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
