package dev.faultline.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets Faultline redacts without being told (DESIGN.md section 3, {@code redact.keys}
 * and {@code redact.patterns}); users' entries are added to these, never replace them.
 */
final class BuiltInSecrets {
    /** Context keys, field names and {@code key=value} keys whose values are secret. */
    static final List<String> KEYS = Collections.unmodifiableList(Arrays.asList(
            "password", "passwd", "pwd", "passphrase", "secret", "token", "api_key", "apikey", "access_key",
            "authorization", "auth_header", "cookie", "set-cookie", "session", "credential", "private_key",
            "jwt", "cvv", "cvc"));

    // A value after "key=" or "key": a double-quoted, single-quoted or backslash-quoted string
    // (closing quote optional: the text may have been cut), or a bare word, optionally preceded by
    // an HTTP auth scheme. Never a source position such as TokenService.java:42).
    private static final String VALUE = "(?<secret>\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"?"
            + "|'(?:[^'\\\\\\r\\n]|\\\\.)*'?"
            + "|\\\\\"(?:[^\"\\\\]|\\\\[^\"])*(?:\\\\\")?"
            // "[Bearer x]": a header map's value list (Map<String, List<String>>.toString()).
            + "|\\[?(?:(?i:bearer|basic|digest|token|negotiate)\\s+)?(?!\\d+\\))[^\\s,;&\"'<>{}()]+)";

    /** {@code key=}, {@code key:}, and their percent-encoded forms ({@code key%3D}: a URL inside a query value). */
    private static final String SEPARATOR = "\\s*(?:[:=]|%3[AaDd])\\s*";

    /** Short keys that are secret only as a whole key: {@code auth} is not {@code author}. */
    static final List<String> EXACT_KEYS = Collections.unmodifiableList(Arrays.asList("auth", "pass"));

    private BuiltInSecrets() {
    }

    /** The built-in text rules, the {@code key=value} rule covering {@code keys}. */
    static List<SecretRule> rules(List<String> keys) {
        List<SecretRule> rules = new ArrayList<SecretRule>();
        rules.add(PatternRule.anchored(
                "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\\s\\S]*?)(?:-----END|\\z)", "-----BEGIN"));
        rules.add(PatternRule.anchoredIgnoringCase("(?i)cookie\\s*[:=]\\s*(?<secret>[^\\r\\n]+)", "cookie"));
        // A scheme with a parameter list (Digest, AWS4-HMAC-SHA256, OAuth): all of it, to the line's end.
        rules.add(PatternRule.anchoredIgnoringCase("(?i)authorization[\"']?\\s*[:=]\\s*[\"'\\[]?(?<secret>[a-z0-9-]+\\s+[a-z0-9_-]+=[^\\r\\n\\]}]*)",
                "authorization"));
        rules.add(keyValue(keys));
        rules.addAll(keyForms(keys));
        rules.add(bearer());
        rules.add(new PatternRule("(?i)\\bbasic\\s+(?<secret>[A-Za-z0-9+/]{6,}={0,2})", new String[] {"basic"}, true, BASIC));
        // To the last '@' before the host: a password typed with a raw '@' (pw@2024) is kept whole.
        rules.add(PatternRule.anchored("://(?<user>[^:/?#@\\s]*):(?<secret>[^/?#\\s]+)@", "://"));
        // The same percent-encoded, as a URL inside a query's value or name (redirect=https%3A%2F%2Fu%3Apw%40h):
        // to the last %40 before the encoded path, query or fragment (%2F, %3F, %23).
        rules.add(PatternRule.anchoredIgnoringCase("(?i)%3a%2f%2f[^/?#@\\s&%]*(?:%(?!3a)[0-9a-f]{2}[^/?#@\\s&%]*)*%3a(?<secret>(?:[^/?#@\\s&%]|%(?!2f|3f|23)[0-9a-f]{2})+)%40",
                "%3a%2f%2f"));
        rules.add(PatternRule.anchoredIgnoringCase("(?i)jdbc:oracle:[a-z0-9]+:[^/\\s@:]+/(?<secret>[^@\\s]+)@", "jdbc:oracle:"));
        rules.add(PatternRule.anchored("\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}\\b",
                "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA"));
        rules.add(PatternRule.anchored("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", "eyJ"));
        rules.add(PatternRule.anchored("\\bgh[pousr]_[A-Za-z0-9]{30,}", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"));
        rules.add(PatternRule.anchored("\\bgithub_pat_[A-Za-z0-9_]{22,}", "github_pat_"));
        // Incoming-webhook URLs: the path is the credential.
        rules.add(PatternRule.anchored("hooks\\.slack\\.com/(?:services|workflows)/(?<secret>[A-Za-z0-9/_-]+)", "hooks.slack.com/"));
        rules.add(PatternRule.anchored("discord(?:app)?\\.com/api/webhooks/(?<secret>[A-Za-z0-9/_-]+)", "discord"));
        rules.add(PatternRule.anchored("\\bxox[abposr]-[A-Za-z0-9-]{10,}", "xox"));
        rules.add(PatternRule.anchored("\\bAIza[0-9A-Za-z_-]{35}", "AIza"));
        rules.add(PatternRule.anchored("\\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}", "sk_live_", "sk_test_", "rk_live_", "rk_test_"));
        rules.add(new CardNumberRule());
        return rules;
    }

    /**
     * A {@code Bearer} token. "Bearer" is also an English word ("the bearer of bad news"), so a
     * word after it is a token when it is 8 characters or longer, or holds a digit or a token's
     * punctuation ({@code abc123}, {@code a-b}; a sentence's closing '.' is not one), or, whatever
     * it is, when the scheme and it are a whole value: after the start of a line, a
     * {@code :}, {@code =}, quote, {@code [} or comma, and before the end of a line, a quote,
     * {@code ]}, {@code ,}, {@code ;}, {@code &} or <code>}</code> ({@code hdr=Bearer abc},
     * {@code "Bearer abc"}). Never a parameter's name ({@code Bearer realm="api"}).
     */
    private static SecretRule bearer() {
        String token = "[A-Za-z0-9\\-._~+/]";
        // Not a parameter list's name (WWW-Authenticate: Bearer realm="api"): '=' then a quote.
        String notParameter = "(?!=+[\"'])";
        String wholeValue = "(?<=(?:^|[\\r\\n:=\\[\"',])[ \\t]{0,8}bearer[ \\t]{1,8})" + token + "+" + notParameter
                + "=*(?=[ \\t]*(?:$|[\\r\\n\"'\\],;}&]))";
        // One rule, one anchor: each rule's anchors are an indexOf per text.
        return PatternRule.anchoredIgnoringCase("(?i)\\bbearer\\s+(?<secret>" + token + "{8,}" + notParameter + "=*"
                + "|(?=" + token + "*(?:[0-9\\-_~+/]|\\.[A-Za-z0-9]))" + token + "+" + notParameter + "=*"
                + "|" + wholeValue + ")", "bearer");
    }

    /**
     * {@code password=x}, {@code "api_key": "x"}, {@code db.password: x}, {@code X-Auth-Token=x}.
     * A key that contains another ({@code set-cookie}, {@code cookie}) adds nothing: the match
     * starts at the inner one.
     */
    private static SecretRule keyValue(List<String> keys) {
        Set<String> alternatives = new LinkedHashSet<String>();
        Set<String> anchors = new LinkedHashSet<String>();
        for (String key : keys) {
            if (containsAnotherKey(key, keys)) {
                continue;
            }
            StringBuilder k = new StringBuilder();
            for (String part : key.toLowerCase(Locale.ROOT).split("[-_. ]+")) {
                if (!part.isEmpty()) {
                    if (k.length() == 0) {
                        anchors.add(part);
                    }
                    k.append(k.length() == 0 ? "" : "[-_. ]?").append(Pattern.quote(part));
                }
            }
            if (k.length() > 0) {
                alternatives.add(k.toString());
            }
        }
        // Not the first line of a trace: "SessionException: Session is closed" names no secret.
        String regex = "(?i)(?:" + String.join("|", alternatives) + ")[\\w.-]*(?<!exception)(?<!error)"
                + "(?:\\\\?[\"'])?" + SEPARATOR + VALUE;
        return new PatternRule(regex, anchors.toArray(new String[0]), true, PatternRule.ALWAYS);
    }

    /**
     * The other forms a secret key's value takes in text (a trial found each stored whole): an
     * XML element ({@code <password>x</password>}), a command-line option and its value
     * ({@code --token x}, and {@code [--password, x]} as a logged array prints it; two dashes), and the
     * {@link #EXACT_KEYS} as whole keys ({@code pass=x}, {@code "auth": "x"}).
     */
    private static List<SecretRule> keyForms(List<String> keys) {
        List<String> alternatives = new ArrayList<String>();
        Set<String> anchors = new LinkedHashSet<String>();
        for (String key : keys) {
            String k = normal(key);
            if (!k.isEmpty() && !containsAnotherKey(key, keys)) {
                alternatives.add(Pattern.quote(key.toLowerCase(Locale.ROOT)));
                anchors.add(key.toLowerCase(Locale.ROOT).split("[-_. ]+")[0]);
            }
        }
        String any = "(?:" + String.join("|", alternatives) + ")[\\w.-]*";
        List<String> elements = new ArrayList<String>();
        List<String> options = new ArrayList<String>();
        for (String a : anchors) {
            elements.add("<" + a);
            options.add("--" + a);
        }
        // Gated: an anchor per key is an indexOf per key, for texts that rarely hold either form.
        List<SecretRule> rules = new ArrayList<SecretRule>();
        rules.add(new PatternRule("(?i)<" + any + "(?:\\s[^>]*)?>(?<secret>[^<]+)<", elements.toArray(new String[0]), true,
                PatternRule.ALWAYS).gatedBy("</"));
        rules.add(new PatternRule("(?i)--" + any + "(?:\\s+|,\\s*)(?!-)(?<secret>[^\\s,\\])]+)",
                options.toArray(new String[0]), true, PatternRule.ALWAYS).gatedBy("--"));
        rules.add(new PatternRule("(?i)(?<![\\w.-])(?:" + String.join("|", EXACT_KEYS) + ")(?:\\\\?[\"'])?" + SEPARATOR + VALUE,
                EXACT_KEYS.toArray(new String[0]), true, PatternRule.ALWAYS));
        return rules;
    }

    private static boolean containsAnotherKey(String key, List<String> keys) {
        String k = normal(key);
        for (String other : keys) {
            String o = normal(other);
            if (!o.isEmpty() && !o.equals(k) && k.contains(o)) {
                return true;
            }
        }
        return false;
    }

    static String normal(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** A {@code Basic} credential is base64 of {@code user:password}; "basic configuration" is not. */
    static final PatternRule.Check BASIC = new PatternRule.Check() {
        @Override
        public boolean isSecret(String candidate) {
            try {
                String decoded = new String(Base64.getDecoder().decode(candidate), StandardCharsets.UTF_8);
                return decoded.indexOf(':') > 0;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    };
}
